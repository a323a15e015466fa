package io.envaudit.streams.rules;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.topics.Topic;
import io.envaudit.wire.UndecodableRecordException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the rules topic holds: the latest entry per id, as of the moment it was read. Read from the
 * beginning to the end offsets taken first, committed records only, so a publication still in flight
 * is not half seen. A record that cannot be decoded is kept apart, under its id, with the reason: the
 * auditor dead-letters it, and publishing a good entry under its id, or deleting it, repairs the topic.
 *
 * @param entries    id to the entry, sorted by id
 * @param unreadable id to where and why its latest record cannot be decoded
 */
public record PublishedRules(Map<String, CompatibilityRule> entries, Map<String, String> unreadable) {
    private static final Duration POLL = Duration.ofMillis(100);

    public PublishedRules {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        unreadable = Collections.unmodifiableSortedMap(new TreeMap<>(unreadable));
    }

    public Optional<CompatibilityRule> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Every id the topic holds, readable or not. */
    public SortedSet<String> ids() {
        SortedSet<String> ids = new TreeSet<>(entries.keySet());
        ids.addAll(unreadable.keySet());
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * Reads the topic to its end.
     *
     * @param clientConfig what every client of the deployment sets ({@code bootstrap.servers}, security)
     * @param timeout      for the whole read
     * @throws RulesTopicException when the topic does not exist, or is not read to its end in time
     */
    public static PublishedRules read(Map<String, ?> clientConfig, Topic<String, CompatibilityRule> topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, no offsets committed
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, CompatibilityRule> entries = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        Deserializer<CompatibilityRule> values = topic.valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), remaining(deadline));
            if (infos == null || infos.isEmpty()) {
                throw new RulesTopicException("topic " + topic.name() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            for (TopicPartition partition : partitions) {
                while (consumer.position(partition, remaining(deadline)) < end.get(partition)) {
                    if (System.nanoTime() > deadline) {
                        throw new RulesTopicException("reading " + topic.name() + " to its end (offset " + end.get(partition)
                                + " of partition " + partition.partition() + ") took longer than " + timeout);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        String id = record.key();
                        entries.remove(id);
                        unreadable.remove(id);
                        if (record.value() == null) {
                            continue; // deleted
                        }
                        try {
                            entries.put(id, values.deserialize(record.topic(), record.headers(), record.value()));
                        } catch (UndecodableRecordException e) {
                            unreadable.put(id, record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new RulesTopicException("reading " + topic.name() + " timed out after " + timeout + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new RulesTopicException("reading " + topic.name() + " failed: " + e.getMessage(), e);
        }
        return new PublishedRules(entries, unreadable);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
