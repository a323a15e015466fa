package io.envaudit.router.loop;

import io.envaudit.router.log.Position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications handed to the receiver lanes and not settled yet, each with the records waiting on it:
 * for a notification made in this run, the records it was made of; for a re-post after a restart, the
 * records read again that it covers.
 */
final class InFlight {
    private final Map<String, List<Position>> waiting = new HashMap<>();

    /** A notification is handed to its lane, with the records it was made of (none yet for a re-post). */
    void add(String notificationId, List<Position> positions) {
        waiting.put(notificationId, new ArrayList<>(positions));
    }

    /** The record waits on the notification if that is still in flight; false when it has settled. */
    boolean waitOn(String notificationId, Position position) {
        List<Position> positions = waiting.get(notificationId);
        if (positions == null) {
            return false;
        }
        positions.add(position);
        return true;
    }

    /** The notification settled: the records that waited on it (none when it was not in flight). */
    List<Position> settle(String notificationId) {
        List<Position> positions = waiting.remove(notificationId);
        return positions == null ? List.of() : positions;
    }

    /** Forgets them all: at a rebalance or stop, their records will be read again. */
    void clear() {
        waiting.clear();
    }
}
