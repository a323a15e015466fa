package io.envaudit.router.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Teams payload against the documented workflow-webhook format: a {@code message} whose
 * {@code attachments} hold one {@code application/vnd.microsoft.card.adaptive} with {@code contentUrl} null
 * and the card in {@code content} ({@code type} AdaptiveCard, a {@code version}, a {@code body}), under
 * Teams' 28 KB.
 */
class TeamsFormatTest {
    private static final Set<String> ELEMENT_TYPES = Set.of("TextBlock", "FactSet", "Container");
    private static final int TEAMS_LIMIT = 28 * 1024;

    private static String render(List<ConflictAlert> alerts, int listLimit) {
        return new TeamsFormat(listLimit).render(new Notice("n-1", "teams", "conda-depends", alerts, Instant.EPOCH));
    }

    @Test
    void theCardIsWrappedAsTheWorkflowExpects() {
        JsonNode message = Json.read(render(List.of(TestAlerts.open().build()), 10));
        assertEquals("message", message.get("type").asText());
        assertEquals(1, message.get("attachments").size());
        JsonNode attachment = message.get("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
        assertTrue(attachment.get("contentUrl").isNull());
        JsonNode card = attachment.get("content");
        assertEquals("AdaptiveCard", card.get("type").asText());
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.get("$schema").asText());
        assertEquals("1.4", card.get("version").asText());
        for (JsonNode element : card.get("body")) {
            assertTrue(ELEMENT_TYPES.contains(element.get("type").asText()), element.toString());
        }
    }

    @Test
    void theCardSaysWhereWhatBrokeTheFixAndSinceWhen() {
        JsonNode body = Json.read(render(List.of(TestAlerts.open().build()), 10)).get("attachments").get(0).get("content").get("body");
        assertEquals("conda-depends: 1 environment on team ml-vision", body.get(0).get("text").asText());
        assertEquals("Attention", body.get(0).get("color").asText());
        JsonNode facts = body.get(1).get("facts");
        assertEquals("Rule", facts.get(0).get("title").asText());
        assertEquals("conda-depends", facts.get(0).get("value").asText());
        assertEquals("error", facts.get(1).get("value").asText());
        assertEquals("ml-vision", facts.get(2).get("value").asText());
        JsonNode items = body.get(2).get("items");
        assertEquals("ws-ml-03 /home/ana/miniconda3/envs/tf210 (tf210) · team ml-vision", items.get(0).get("text").asText());
        assertEquals(String.join("\n\n",
                "tensorflow-base 2.10.0 has requirement keras 2.10.*, but you have keras 2.4.3 hd3eb1b0_0.",
                "packages: tensorflow-base 2.10.0 (defaults), keras 2.4.3 (anaconda)",
                "fix: conda install 'keras 2.10.*'",
                "first seen 2026-11-30 09:00 UTC"), items.get(1).get("text").asText());
    }

    @Test
    void resolvedOnlyIsGoodNews() {
        JsonNode body = Json.read(render(List.of(TestAlerts.resolved(TestAlerts.open().build())), 10))
                .get("attachments").get(0).get("content").get("body");
        assertEquals("Good", body.get(0).get("color").asText());
        assertEquals("ws-ml-03 /home/ana/miniconda3/envs/tf210 (tf210) · team ml-vision: fixed",
                body.get(2).get("items").get(0).get("text").asText());
    }

    @Test
    void theLargestCardStaysUnderTeamsLimit() {
        List<ConflictAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            alerts.add(TestAlerts.onHost(i).setExplanation("z".repeat(400)).build());
        }
        String payload = render(alerts, 40);
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < TEAMS_LIMIT, payload.length() + " bytes");
        JsonNode body = Json.read(payload).get("attachments").get(0).get("content").get("body");
        int listed = body.size() - 3; // the headline, the facts, the closing line
        assertTrue(listed > 0 && listed < 40, listed + " listed");
        assertEquals("and " + (500 - listed) + " more alerts not listed", body.get(body.size() - 1).get("text").asText());
    }
}
