package io.envaudit.router.log;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.NotificationPhase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryIndexTest {

    private static AlertNotification notification(String id, String receiver, NotificationPhase phase, List<Position> positions) {
        return AlertNotification.newBuilder().setId(id).setRouter("r").setReceiver(receiver).setRuleId("rule").setPhase(phase)
                .setAlerts(OffsetRuns.of(positions)).setAlertCount(positions.size()).setPayload(null).setReason(null)
                .setCreated(Instant.EPOCH).setUpdated(Instant.EPOCH).build();
    }

    @Test
    void positionsAreWrittenAsRunsPerPartition() {
        List<Position> positions = List.of(new Position(1, 7), new Position(0, 3), new Position(0, 4), new Position(0, 5),
                new Position(0, 9), new Position(1, 8));
        assertEquals("[{\"partition\": 0, \"first_offset\": 3, \"last_offset\": 5}, {\"partition\": 0, \"first_offset\": 9, "
                + "\"last_offset\": 9}, {\"partition\": 1, \"first_offset\": 7, \"last_offset\": 8}]", OffsetRuns.of(positions).toString());
    }

    @Test
    void aRecordIsCoveredForTheReceiverOfTheNotificationOnly() {
        DeliveryIndex index = new DeliveryIndex();
        index.apply("a", notification("a", "slack", NotificationPhase.DELIVERED, List.of(new Position(0, 3), new Position(0, 5))));
        assertEquals("a", index.covering("slack", new Position(0, 3)).orElseThrow().getId());
        assertEquals(Optional.empty(), index.covering("slack", new Position(0, 4)), "between the runs");
        assertEquals(Optional.empty(), index.covering("teams", new Position(0, 3)));
        assertEquals(Optional.empty(), index.covering("slack", new Position(1, 3)));
    }

    @Test
    void intentsAreInDoubtUntilSettledAndSettledOnesAreForgottenOnceCommitted() {
        DeliveryIndex index = new DeliveryIndex();
        index.apply("a", notification("a", "slack", NotificationPhase.INTENT, List.of(new Position(0, 3))));
        index.apply("b", notification("b", "slack", NotificationPhase.DELIVERED, List.of(new Position(0, 4), new Position(1, 9))));
        assertEquals(List.of("a"), index.inDoubt().stream().map(AlertNotification::getId).toList());
        assertEquals(List.of(), index.settledBelow(Map.of(0, 10L, 1, 9L)), "offset 9 of partition 1 is not committed yet");
        assertEquals(List.of("b"), index.settledBelow(Map.of(0, 10L, 1, 10L)), "an intent is never forgotten this way");
        assertEquals(Optional.empty(), index.covering("slack", new Position(0, 4)));
        index.apply("a", null);
        assertEquals(List.of(), index.inDoubt(), "a tombstone forgets it");
        assertEquals(Optional.empty(), index.covering("slack", new Position(0, 3)));
    }
}
