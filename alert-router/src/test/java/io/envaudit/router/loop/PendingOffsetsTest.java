package io.envaudit.router.loop;

import io.envaudit.router.log.Position;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A partition's offset moves on only past records settled for every receiver they went to. */
class PendingOffsetsTest {

    @Test
    void theOffsetStopsAtTheFirstRecordStillWaiting() {
        PendingOffsets pending = new PendingOffsets();
        pending.read(new Position(0, 5), 0);
        pending.read(new Position(0, 6), 2);
        pending.read(new Position(0, 7), 1);
        pending.read(new Position(1, 3), 0);
        assertEquals(Map.of(0, 6L, 1, 4L), pending.advanced());
        pending.committed(Map.of(0, 6L, 1, 4L));
        assertEquals(Map.of(), pending.advanced(), "nothing moved since");

        pending.release(new Position(0, 7));
        assertEquals(Map.of(), pending.advanced(), "offset 6 still waits for two receivers");
        pending.release(new Position(0, 6));
        assertEquals(Map.of(), pending.advanced(), "and now for one");
        pending.release(new Position(0, 6));
        assertEquals(Map.of(0, 8L), pending.advanced());
        assertEquals(0, pending.waitingCount());
    }

    @Test
    void aReleaseForARecordNoLongerWaitingChangesNothing() {
        PendingOffsets pending = new PendingOffsets();
        pending.read(new Position(0, 1), 1);
        pending.clear();
        pending.release(new Position(0, 1));
        assertEquals(Map.of(), pending.advanced());
        assertEquals(0, pending.waitingCount());
    }
}
