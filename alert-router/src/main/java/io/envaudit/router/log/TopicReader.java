package io.envaudit.router.log;

import io.envaudit.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads one of the router's compacted topics from its start to the end it has when the read begins, with
 * no consumer group: the state it keeps there is rebuilt in full at every start and rebalance.
 */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {
    }

    /**
     * Hands every record to {@code each}, in order, values deserialized (null for a tombstone).
     *
     * @throws JournalException when the end is not reached within {@code timeout}
     */
    public static <V> void readAll(Map<String, Object> clientConfig, Topic<String, V> topic, Duration timeout,
                                   BiConsumer<String, V> each) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new JournalException("could not read " + topic.name() + " to its end within " + timeout, null);
                }
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    each.accept(record.key(), record.value());
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
