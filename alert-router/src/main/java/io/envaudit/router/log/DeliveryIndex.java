package io.envaudit.router.log;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertOffsets;
import io.envaudit.schemas.NotificationPhase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This router's notifications that still matter, by id and by the alert records they cover, per receiver:
 * what the delivery log holds (read at each start and rebalance) and what this run has sent since. A
 * record covered for a receiver is not grouped for it again. Used by the consumer thread only.
 */
public final class DeliveryIndex {
    private final Map<String, AlertNotification> byId = new HashMap<>();
    /** receiver, partition, first offset of a run: the run's last offset and its notification. */
    private final Map<String, Map<Integer, TreeMap<Long, Run>>> coverage = new HashMap<>();

    private record Run(long lastOffset, String id) {
    }

    /** Takes in a record of the log (null: a tombstone) or a notification this run makes. */
    public void apply(String id, AlertNotification notification) {
        AlertNotification previous = byId.remove(id);
        if (previous != null) {
            for (AlertOffsets run : previous.getAlerts()) {
                runs(previous.getReceiver(), run.getPartition()).remove(run.getFirstOffset());
            }
        }
        if (notification != null) {
            byId.put(id, notification);
            for (AlertOffsets run : notification.getAlerts()) {
                runs(notification.getReceiver(), run.getPartition()).put(run.getFirstOffset(), new Run(run.getLastOffset(), id));
            }
        }
    }

    private TreeMap<Long, Run> runs(String receiver, int partition) {
        return coverage.computeIfAbsent(receiver, r -> new HashMap<>()).computeIfAbsent(partition, p -> new TreeMap<>());
    }

    /** The notification that covers this record for this receiver, if one does. */
    public Optional<AlertNotification> covering(String receiver, Position position) {
        Map<Integer, TreeMap<Long, Run>> byPartition = coverage.get(receiver);
        TreeMap<Long, Run> runs = byPartition == null ? null : byPartition.get(position.partition());
        Map.Entry<Long, Run> run = runs == null ? null : runs.floorEntry(position.offset());
        if (run == null || run.getValue().lastOffset() < position.offset()) {
            return Optional.empty();
        }
        return Optional.of(byId.get(run.getValue().id()));
    }

    /** Notifications whose post may or may not have happened: intents with no outcome. */
    public List<AlertNotification> inDoubt() {
        return byId.values().stream().filter(n -> n.getPhase() == NotificationPhase.INTENT).toList();
    }

    /**
     * Removes, and returns the ids of, the settled notifications whose records are all below the committed
     * offsets: no record they cover will be read again, so they can be forgotten.
     */
    public List<String> settledBelow(Map<Integer, Long> committed) {
        List<String> settled = new ArrayList<>();
        for (AlertNotification notification : byId.values()) {
            if (notification.getPhase() != NotificationPhase.INTENT && OffsetRuns.allBelow(notification.getAlerts(), committed)) {
                settled.add(notification.getId());
            }
        }
        settled.forEach(id -> apply(id, null));
        return settled;
    }

    public void clear() {
        byId.clear();
        coverage.clear();
    }
}
