package io.envaudit.streams.dlq;

import io.envaudit.topics.Topic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a dead-letter topic without a consumer group (nothing is committed, so reading never hides a dead
 * letter from the next reader) and only what is committed: the auditor writes dead letters inside its
 * exactly-once transactions, and an aborted one was never a dead letter. Each record is handed over as
 * {@code decode} makes it: a {@link DeadLetter} of the auditor's topic ({@link #of}), or what another
 * dead-letter topic holds (the alert router's notifications).
 *
 * @param <T> a dead letter as decoded
 */
public final class DeadLetterReader<T> implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final Function<ConsumerRecord<byte[], byte[]>, T> decode;
    private final Duration timeout;
    private final KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param clientConfig what every client of the deployment sets ({@code bootstrap.servers}, security)
     * @param decode       a record of the topic as a dead letter; may throw {@link DeadLetterException} for one it cannot read
     * @param timeout      how long to wait for Kafka to answer, or for a read to make progress
     */
    public DeadLetterReader(Map<String, ?> clientConfig, String topic, Function<ConsumerRecord<byte[], byte[]>, T> decode,
                            Duration timeout) {
        this.topic = topic;
        this.decode = decode;
        this.timeout = timeout;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A reader of the auditor's dead-letter topic, which Kafka Streams writes. */
    public static DeadLetterReader<DeadLetter> of(Map<String, ?> clientConfig, Topic<byte[], byte[]> deadLetters, Duration timeout) {
        return new DeadLetterReader<>(clientConfig, deadLetters.name(), DeadLetter::of, timeout);
    }

    /**
     * Gives {@code visitor} the dead letters written at or after {@code since} (every one when empty), up to
     * the end of the topic as it is when this starts, partition by partition in offset order, until the
     * visitor returns false.
     */
    public void forEach(Optional<Instant> since, Predicate<T> visitor) {
        List<TopicPartition> partitions = partitions();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = since.isPresent() ? firstAtOrAfter(partitions, since.get(), end)
                : consumer.beginningOffsets(partitions, timeout);
        // The time index finds the first offset stamped at or after since; a later record may still carry
        // an earlier time (the source record's, from another partition), so each record is checked too.
        long from = since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        for (TopicPartition partition : partitions) {
            boolean more = read(partition, start.get(partition), end.get(partition),
                    record -> record.timestamp() < from || visitor.test(decode.apply(record)));
            if (!more) {
                return;
            }
        }
    }

    /**
     * The dead letters at these positions of the dead-letter topic, each once, in the order given.
     *
     * @throws DeadLetterException naming the first position that holds no dead letter
     */
    public List<T> at(List<RecordPosition> positions) {
        List<TopicPartition> partitions = partitions();
        List<T> found = new ArrayList<>();
        for (RecordPosition wanted : new LinkedHashSet<>(positions)) {
            TopicPartition partition = new TopicPartition(topic, wanted.partition());
            if (!wanted.topic().equals(topic) || !partitions.contains(partition)) {
                throw new DeadLetterException("no dead letter at " + wanted + ": " + topic + " has partitions 0 to "
                        + (partitions.size() - 1));
            }
            long first = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            if (wanted.offset() < first || wanted.offset() >= end) {
                throw new DeadLetterException("no dead letter at " + wanted + ": partition " + wanted.partition() + " of " + topic
                        + (first == end ? " is empty" : " holds offsets " + first + " to " + (end - 1)));
            }
            List<ConsumerRecord<byte[], byte[]>> hit = new ArrayList<>(1);
            read(partition, wanted.offset(), wanted.offset() + 1, hit::add);
            if (hit.isEmpty()) {
                throw new DeadLetterException("no dead letter at " + wanted + ": that offset is a transaction marker or an aborted write");
            }
            found.add(decode.apply(hit.get(0)));
        }
        return found;
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new DeadLetterException("topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private Map<TopicPartition, Long> firstAtOrAfter(List<TopicPartition> partitions, Instant since, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            start.put(partition, at == null ? end.get(partition) : at.offset()); // null: nothing that recent
        }
        return start;
    }

    /**
     * Reads one partition from {@code from} to just before {@code until}; false when the visitor stopped it.
     * Offsets that are transaction markers or aborted writes are skipped by the consumer, so progress is
     * the consumer's position, not the records seen.
     */
    private boolean read(TopicPartition partition, long from, long until, Predicate<ConsumerRecord<byte[], byte[]>> visitor) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long position = from;
        long progressDeadline = System.nanoTime() + timeout.toNanos();
        while (position < until) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() >= until) {
                    return true;
                }
                if (!visitor.test(record)) {
                    return false;
                }
            }
            long now = consumer.position(partition, timeout);
            if (now > position) {
                position = now;
                progressDeadline = System.nanoTime() + timeout.toNanos();
            } else if (System.nanoTime() > progressDeadline) {
                throw new TimeoutException("reading " + partition + " made no progress at offset " + position + " for " + timeout
                        + " (its end is " + until + ")");
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(timeout));
    }
}
