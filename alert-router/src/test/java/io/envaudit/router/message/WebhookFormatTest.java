package io.envaudit.router.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generic webhook carries every alert in full, in the plain JSON form that reads back into the same alert. */
class WebhookFormatTest {

    @Test
    void theBodyHasTheIdTheCountsAndEachAlertInPlainJson() {
        ConflictAlert open = TestAlerts.onHost(1).build();
        ConflictAlert fixed = TestAlerts.resolved(TestAlerts.onHost(2).build());
        JsonNode body = Json.read(new WebhookFormat().render(new Notice("id-7", "audit", "conda-depends", List.of(open, fixed),
                Instant.EPOCH)));
        assertEquals(1, body.get("version").asInt());
        assertEquals("id-7", body.get("notification_id").asText());
        assertEquals("audit", body.get("receiver").asText());
        assertEquals("conda-depends", body.get("rule").asText());
        assertEquals("error", body.get("severity").asText());
        assertEquals("conda-depends: 1 environment on team ml-vision; fixed in 1", body.get("title").asText());
        assertEquals(1, body.get("counts").get("open").asInt());
        assertEquals(0, body.get("counts").get("waived").asInt());
        assertEquals(1, body.get("counts").get("resolved").asInt());
        assertEquals("2026-11-30T09:00:00Z", body.get("alerts").get(0).get("first_seen").asText());
        ConflictAlert readBack = AvroPlainJson.read(new StringReader(body.get("alerts").get(1).toString()), "alert",
                ConflictAlert.getClassSchema());
        assertEquals(fixed, readBack);
    }
}
