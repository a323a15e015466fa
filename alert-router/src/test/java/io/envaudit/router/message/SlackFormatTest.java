package io.envaudit.router.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Slack payload against Slack's documented incoming-webhook format: a {@code text} fallback and Block
 * Kit {@code blocks} (header: plain_text at most 150 characters; section: mrkdwn text at most 3,000;
 * context: elements; at most 50 blocks), with mrkdwn's three control characters escaped.
 */
class SlackFormatTest {
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context");

    private static JsonNode render(List<ConflictAlert> alerts, int listLimit) {
        return Json.read(new SlackFormat(listLimit).render(new Notice("n-1", "slack", "conda-depends", alerts, Instant.EPOCH)));
    }

    @Test
    void oneAlertSaysWhereWhatBrokeTheFixAndSinceWhen() {
        JsonNode message = render(List.of(TestAlerts.open().build()), 10);
        assertEquals("conda-depends: 1 environment on team ml-vision", message.get("text").asText());
        JsonNode blocks = message.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
        assertEquals("conda-depends: 1 environment on team ml-vision", blocks.get(0).get("text").get("text").asText());
        assertEquals("severity error · rule `conda-depends` · envaudit", blocks.get(1).get("elements").get(0).get("text").asText());
        JsonNode section = blocks.get(2);
        assertEquals("section", section.get("type").asText());
        assertEquals("mrkdwn", section.get("text").get("type").asText());
        assertEquals(String.join("\n",
                "*ws-ml-03* `/home/ana/miniconda3/envs/tf210` (tf210) · team ml-vision",
                "tensorflow-base 2.10.0 has requirement keras 2.10.*, but you have keras 2.4.3 hd3eb1b0_0.",
                "packages: `tensorflow-base 2.10.0 (defaults)`, `keras 2.4.3 (anaconda)`",
                "fix: `conda install 'keras 2.10.*'`",
                "first seen 2026-11-30 09:00 UTC"), section.get("text").get("text").asText());
        assertEquals(3, blocks.size());
    }

    @Test
    void aResolvedAlertSaysItIsFixed() {
        JsonNode message = render(List.of(TestAlerts.resolved(TestAlerts.open().build())), 10);
        assertEquals("conda-depends: fixed in 1 environment on team ml-vision", message.get("text").asText());
        assertEquals("*ws-ml-03* `/home/ana/miniconda3/envs/tf210` (tf210) · team ml-vision: fixed",
                message.get("blocks").get(2).get("text").get("text").asText());
    }

    @Test
    void aGroupListsSomeAndCountsTheRest() {
        List<ConflictAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            alerts.add(TestAlerts.onHost(i).build());
        }
        for (int i = 37; i < 42; i++) {
            alerts.add(TestAlerts.resolved(TestAlerts.onHost(i).build()));
        }
        JsonNode message = render(alerts, 10);
        assertEquals("conda-depends: 37 environments on team ml-vision; fixed in 5", message.get("text").asText());
        JsonNode blocks = message.get("blocks");
        assertEquals(1 + 1 + 10 + 1, blocks.size(), "header, context, ten alerts, and the rest counted");
        assertEquals("and 32 more alerts not listed", blocks.get(12).get("elements").get(0).get("text").asText());
        assertTrue(blocks.get(2).get("text").get("text").asText().startsWith("*ws-0*"), "open ones first");
    }

    @Test
    void mrkdwnControlCharactersAreEscapedAndLimitsKept() {
        String long150 = "x".repeat(400);
        ConflictAlert alert = TestAlerts.open().setRuleId("r<&>" + long150).setHostname("<!channel>")
                .setExplanation("a > b & c < d " + "y".repeat(5000)).build();
        JsonNode message = Json.read(new SlackFormat(40).render(new Notice("n", "slack", alert.getRuleId(), List.of(alert), Instant.EPOCH)));
        JsonNode blocks = message.get("blocks");
        assertTrue(blocks.get(0).get("text").get("text").asText().length() <= SlackFormat.HEADER_LIMIT);
        String section = blocks.get(2).get("text").get("text").asText();
        assertTrue(section.startsWith("*&lt;!channel&gt;*"), "no @channel from a hostname: " + section);
        assertTrue(section.contains("a &gt; b &amp; c &lt; d"), section);
        assertTrue(section.length() <= SlackFormat.SECTION_LIMIT, "section of " + section.length());
    }

    @Test
    void everyBlockIsOfADocumentedTypeAndTheMostAlertsStayUnderFiftyBlocks() {
        List<ConflictAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            alerts.add(TestAlerts.onHost(i).build());
        }
        JsonNode blocks = render(alerts, 40).get("blocks");
        assertTrue(blocks.size() <= 50, blocks.size() + " blocks");
        for (JsonNode block : blocks) {
            assertTrue(BLOCK_TYPES.contains(block.get("type").asText()), block.toString());
        }
    }
}
