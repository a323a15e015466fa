package io.envaudit.router.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Postable alerts as Alertmanager's API v2 takes them: labels (valid names), annotations, startsAt, and
 * endsAt for the ones that ended. AlertmanagerIT posts them to a real Alertmanager.
 */
class AlertmanagerFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static JsonNode render(List<ConflictAlert> alerts) {
        return Json.read(new AlertmanagerFormat().render(new Notice("n", "am", "conda-depends", alerts, NOW)));
    }

    @Test
    void anOpenAlertFiresWithoutEndsAt() {
        JsonNode alert = render(List.of(TestAlerts.open().build())).get(0);
        assertEquals("conda-depends", alert.get("labels").get("alertname").asText());
        assertEquals("ml-vision", alert.get("labels").get("team").asText());
        assertEquals("error", alert.get("labels").get("severity").asText());
        assertEquals("ws-ml-03", alert.get("labels").get("host").asText());
        assertEquals("tensorflow-base", alert.get("labels").get("subject").asText());
        assertEquals("conda install 'keras 2.10.*'", alert.get("annotations").get("fix").asText());
        assertEquals("tensorflow-base 2.10.0 (defaults), keras 2.4.3 (anaconda)", alert.get("annotations").get("packages").asText());
        assertEquals("2026-11-30T09:00:00Z", alert.get("startsAt").asText());
        assertFalse(alert.has("endsAt"), "Alertmanager keeps it for its resolve_timeout; the router posts it again before");
    }

    @Test
    void anEndedAlertEndsWhenItWasSeenGoneButNeverAheadOfNowNorBeforeItStarted() {
        ConflictAlert fixed = TestAlerts.resolved(TestAlerts.open().build());
        assertEquals("2026-11-30T10:00:00Z", render(List.of(fixed)).get(0).get("endsAt").asText());
        ConflictAlert fromTheFuture = ConflictAlert.newBuilder(fixed).setLastSeen(NOW.plusSeconds(600)).build();
        assertEquals(NOW.toString(), render(List.of(fromTheFuture)).get(0).get("endsAt").asText());
        ConflictAlert waived = ConflictAlert.newBuilder(TestAlerts.open().build()).setState(AlertState.WAIVED).setReason("w")
                .setFirstSeen(NOW.plusSeconds(60)).setLastSeen(NOW.plusSeconds(60)).build();
        assertEquals(NOW.plusSeconds(60).toString(), render(List.of(waived)).get(0).get("endsAt").asText());
    }

    @Test
    void hostLabelNamesAreMadeValidAndTheFactsWin() {
        ConflictAlert alert = TestAlerts.withLabel(TestAlerts.withLabel(TestAlerts.withLabel(TestAlerts.open(), "cost-center", "42"),
                "9lives", "x"), "host", "spoofed").build();
        Map<String, String> labels = AlertmanagerFormat.labels(alert);
        assertEquals("42", labels.get("cost_center"));
        assertEquals("x", labels.get("_9lives"));
        assertEquals("ws-ml-03", labels.get("host"));
        JsonNode posted = render(List.of(alert)).get(0).get("labels");
        for (Iterator<String> names = posted.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(name.matches("[a-zA-Z_][a-zA-Z0-9_]*"), name);
        }
    }
}
