package io.envaudit.router.loop;

import io.envaudit.router.log.Position;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which records of envaudit.alerts are read but not yet fully delivered, per partition, and so how far
 * each partition's offset may be committed: up to its first record still waiting for a receiver, or past
 * the last record read when none waits. A record waits for one settled notification per receiver it went to.
 */
final class PendingOffsets {
    private final Map<Integer, TreeMap<Long, Integer>> waiting = new HashMap<>();
    private final Map<Integer, Long> next = new HashMap<>();
    private final Map<Integer, Long> committed = new HashMap<>();
    private int count;

    /** A record was read, bound for {@code receivers} receivers (0: nothing to deliver). */
    void read(Position position, int receivers) {
        next.merge(position.partition(), position.offset() + 1, Math::max);
        if (receivers > 0) {
            waiting.computeIfAbsent(position.partition(), p -> new TreeMap<>()).put(position.offset(), receivers);
            count++;
        }
    }

    /** One of the record's receivers has its notification settled. */
    void release(Position position) {
        TreeMap<Long, Integer> partition = waiting.get(position.partition());
        Integer left = partition == null ? null : partition.get(position.offset());
        if (left == null) {
            return; // not waiting: a rebalance dropped what was read before it
        }
        if (left == 1) {
            partition.remove(position.offset());
            count--;
        } else {
            partition.put(position.offset(), left - 1);
        }
    }

    /** The partitions whose committable offset moved on since the last commit, with that offset. */
    Map<Integer, Long> advanced() {
        Map<Integer, Long> advanced = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeMap<Long, Integer> waits = waiting.get(partition);
            long committable = waits == null || waits.isEmpty() ? nextOffset : waits.firstKey();
            Long done = committed.get(partition);
            if (done == null || committable > done) {
                advanced.put(partition, committable);
            }
        });
        return advanced;
    }

    void committed(Map<Integer, Long> offsets) {
        committed.putAll(offsets);
    }

    /** Records waiting for at least one receiver. */
    int waitingCount() {
        return count;
    }

    void clear() {
        waiting.clear();
        next.clear();
        committed.clear();
        count = 0;
    }
}
