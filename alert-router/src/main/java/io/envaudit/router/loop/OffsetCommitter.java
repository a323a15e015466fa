package io.envaudit.router.loop;

import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.Journal;
import io.envaudit.schemas.ConflictAlert;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts' committed offsets: moved on as far as settled records allow ({@link PendingOffsets}), read
 * back at a rebalance to rewind the partitions to, and what lies below them forgotten — the settled
 * notifications that cover only committed records are tombstoned, so that the delivery log holds only
 * what a restart could need.
 */
final class OffsetCommitter {
    private static final Duration FORGET_EVERY = Duration.ofSeconds(30);

    private final KafkaConsumer<String, ConflictAlert> consumer;
    private final String alertsTopic;
    private final PendingOffsets pending;
    private final DeliveryIndex index;
    private final Journal journal;
    private Instant lastForget = Instant.EPOCH;

    OffsetCommitter(KafkaConsumer<String, ConflictAlert> consumer, String alertsTopic, PendingOffsets pending, DeliveryIndex index,
                    Journal journal) {
        this.consumer = consumer;
        this.alertsTopic = alertsTopic;
        this.pending = pending;
        this.index = index;
        this.journal = journal;
    }

    void commit() {
        Map<Integer, Long> advanced = pending.advanced();
        if (advanced.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        advanced.forEach((partition, offset) -> offsets.put(new TopicPartition(alertsTopic, partition), new OffsetAndMetadata(offset)));
        consumer.commitSync(offsets);
        pending.committed(advanced);
    }

    /** Now and then, tombstones the notifications no record still to be read refers to, so the log stays small. */
    void forgetSettled(Instant now) {
        if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) < 0) {
            return;
        }
        lastForget = now;
        forget(committedOffsets(consumer.assignment()));
    }

    /**
     * Seeks the partitions to their committed offsets (their start when none is), from which they are read
     * again, and returns those offsets.
     */
    Map<Integer, Long> rewind(Set<TopicPartition> assigned) {
        Map<Integer, Long> committed = committedOffsets(assigned);
        pending.committed(committed);
        for (TopicPartition partition : assigned) {
            Long offset = committed.get(partition.partition());
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        return committed;
    }

    /** Tombstones the settled notifications whose records all lie below {@code committed}. */
    void forget(Map<Integer, Long> committed) {
        List<String> settledBelow = index.settledBelow(committed);
        if (!settledBelow.isEmpty()) {
            journal.forget(settledBelow);
        }
    }

    private Map<Integer, Long> committedOffsets(Set<TopicPartition> partitions) {
        Map<Integer, Long> committed = new HashMap<>();
        consumer.committed(partitions).forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }
}
