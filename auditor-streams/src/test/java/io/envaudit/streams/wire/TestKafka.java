package io.envaudit.streams.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Topics and plain clients on the embedded broker, for the integration tests. */
final class TestKafka {
    static final Duration WAIT = Duration.ofSeconds(30);

    private TestKafka() {
    }

    static Map<String, Object> client(String bootstrap) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }

    /**
     * Creates the topics and waits until the broker serves them: createTopics completes when the
     * controller has committed a topic, and the broker learns of it a moment later.
     */
    static void createTopics(String bootstrap, NewTopic... topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(client(bootstrap))) {
            admin.createTopics(List.of(topics)).all().get();
            List<String> names = List.of(topics).stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    admin.describeTopics(names).allTopicNames().get();
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    static <K, V> KafkaProducer<K, V> producer(String bootstrap, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), keys, values);
    }

    /** Reads the whole topic from the start, without a group, until {@code expected} records came. */
    static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, String topic, int expected,
                                                     Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(client(bootstrap));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
