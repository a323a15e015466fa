package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.log.Position;
import io.envaudit.schemas.ConflictAlert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers alerts into groups, one per (receiver, rule), each open for its receiver's {@code group_window}
 * from its first alert: what a group holds when its window closes becomes one message (or, for a
 * webhook or Alertmanager, one post per batch). A group keeps the latest event of each alert and every
 * record it read, so that the notification covers them all.
 */
final class Grouper {
    private final Map<Key, Group> open = new LinkedHashMap<>();

    private record Key(String receiver, String ruleId) {
    }

    /** One closed group: its alerts by key, latest event each, in the order they first came. */
    record Closed(ReceiverConfig receiver, String ruleId, LinkedHashMap<String, Alert> alerts) {
    }

    /** An alert's latest event, the records it came from, and its partition. */
    record Alert(ConflictAlert latest, int partition, List<Position> positions) {
    }

    private static final class Group {
        final ReceiverConfig receiver;
        final Instant closesAt;
        final LinkedHashMap<String, Alert> alerts = new LinkedHashMap<>();

        Group(ReceiverConfig receiver, Instant closesAt) {
            this.receiver = receiver;
            this.closesAt = closesAt;
        }
    }

    void add(ReceiverConfig receiver, String alertKey, ConflictAlert alert, Position position, Instant now) {
        Group group = open.computeIfAbsent(new Key(receiver.name(), alert.getRuleId()),
                key -> new Group(receiver, now.plus(receiver.groupWindow())));
        Alert previous = group.alerts.get(alertKey);
        List<Position> positions = previous == null ? new ArrayList<>() : previous.positions();
        positions.add(position);
        group.alerts.put(alertKey, new Alert(alert, position.partition(), positions));
    }

    /** The groups whose window has closed, in the order they opened; they are no longer open. */
    List<Closed> closeDue(Instant now) {
        List<Closed> closed = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Group>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Group> entry = it.next();
            if (!entry.getValue().closesAt.isAfter(now)) {
                closed.add(new Closed(entry.getValue().receiver, entry.getKey().ruleId(), entry.getValue().alerts));
                it.remove();
            }
        }
        return closed;
    }

    /** When the next group closes, if one is open. */
    Optional<Instant> nextClose() {
        return open.values().stream().map(g -> g.closesAt).min(Instant::compareTo);
    }

    /** Drops every open group: their records will be read again. */
    void clear() {
        open.clear();
    }

    boolean isEmpty() {
        return open.isEmpty();
    }
}
