package io.envaudit.router.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mattermost and Rocket.Chat get {@code text} and legacy attachments ({@code fallback}, {@code color},
 * {@code title}, {@code text}, {@code fields} of {@code title}/{@code value}/{@code short}), as both document
 * for incoming webhooks; no Block Kit, which neither renders.
 */
class AttachmentsFormatTest {

    private static JsonNode render(List<ConflictAlert> alerts) {
        return Json.read(new AttachmentsFormat(10).render(new Notice("n-1", "mm", "conda-depends", alerts, Instant.EPOCH)));
    }

    @Test
    void oneAttachmentPerStateWithItsColourAndTheFacts() {
        ConflictAlert open = TestAlerts.onHost(1).build();
        ConflictAlert waived = ConflictAlert.newBuilder(TestAlerts.onHost(2).build()).setState(AlertState.WAIVED).setReason("gpu-lab").build();
        ConflictAlert fixed = TestAlerts.resolved(TestAlerts.onHost(3).build());
        JsonNode message = render(List.of(open, waived, fixed));
        assertEquals("conda-depends: 1 environment on team ml-vision; fixed in 1, waived in 1", message.get("text").asText());
        assertFalse(message.has("blocks"));
        JsonNode attachments = message.get("attachments");
        assertEquals(3, attachments.size());
        assertEquals(List.of("Open in 1 environment", "Waived in 1 environment", "Fixed in 1 environment"),
                List.of(attachments.get(0).get("title").asText(), attachments.get(1).get("title").asText(),
                        attachments.get(2).get("title").asText()));
        assertEquals(List.of("#d32f2f", "#9e9e9e", "#2e7d32"), List.of(attachments.get(0).get("color").asText(),
                attachments.get(1).get("color").asText(), attachments.get(2).get("color").asText()));
        assertEquals("conda-depends: Open in 1 environment", attachments.get(0).get("fallback").asText());
        JsonNode fields = attachments.get(0).get("fields");
        assertEquals("Rule", fields.get(0).get("title").asText());
        assertTrue(fields.get(0).get("short").asBoolean());
        assertEquals("ml-vision", fields.get(2).get("value").asText());
        assertEquals(String.join("\n",
                "ws-1 `/home/ana/miniconda3/envs/tf210` (tf210) · team ml-vision",
                "tensorflow-base 2.10.0 has requirement keras 2.10.*, but you have keras 2.4.3 hd3eb1b0_0.",
                "packages: tensorflow-base 2.10.0 (defaults), keras 2.4.3 (anaconda)",
                "fix: `conda install 'keras 2.10.*'`",
                "first seen 2026-11-30 09:00 UTC"), attachments.get(0).get("text").asText());
        assertTrue(attachments.get(1).get("text").asText().startsWith("ws-2 `/home/ana/miniconda3/envs/tf210` (tf210) · team ml-vision:"
                + " waived (waiver gpu-lab)\n"), attachments.get(1).get("text").asText());
        assertEquals("ws-3 `/home/ana/miniconda3/envs/tf210` (tf210) · team ml-vision: fixed", attachments.get(2).get("text").asText());
    }

    @Test
    void anEnvironmentThatWentAwayIsResolvedNotFixed() {
        ConflictAlert retired = ConflictAlert.newBuilder(TestAlerts.resolved(TestAlerts.open().build())).setReason("retired").build();
        JsonNode attachment = render(List.of(retired)).get("attachments").get(0);
        assertEquals("Resolved in 1 environment", attachment.get("title").asText());
        assertTrue(attachment.get("text").asText().endsWith(": closed: the environment stopped reporting and was retired"));
    }
}
