package io.envaudit.router.loop;

import io.envaudit.router.log.Position;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records wait on a notification while it is in flight, and are released together when it settles. */
class InFlightTest {
    @Test
    void recordsReadAgainWaitOnANotificationInFlightAndAreReleasedWithIt() {
        InFlight inFlight = new InFlight();
        inFlight.add("n1", List.of(new Position(0, 10)));
        inFlight.add("re-post", List.of());
        assertTrue(inFlight.waitOn("n1", new Position(0, 11)));
        assertTrue(inFlight.waitOn("re-post", new Position(2, 5)));
        assertFalse(inFlight.waitOn("settled-before", new Position(1, 3)), "a notification not in flight has nothing to wait for");

        assertEquals(List.of(new Position(0, 10), new Position(0, 11)), inFlight.settle("n1"));
        assertEquals(List.of(), inFlight.settle("n1"), "settled once");
        assertFalse(inFlight.waitOn("n1", new Position(0, 12)));

        inFlight.clear();
        assertEquals(List.of(), inFlight.settle("re-post"));
    }
}
