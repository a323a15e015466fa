package io.envaudit.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the embedded broker, configured the way envaudit's own will be. */
final class TestClients {

    private TestClients() {
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /**
     * Creates the topic and waits until the broker serves it: createTopics completes when the
     * controller has committed the topic, and the broker learns of it a moment later.
     */
    static TopicDescription createTopic(String bootstrap, String name, int partitions)
            throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    return describeTopic(admin, name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    static TopicDescription describeTopic(Admin admin, String name) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
    }

    static KafkaProducer<String, String> transactionalProducer(String bootstrap, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String groupId, String isolationLevel) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code expected} records arrived or the timeout passed; returns what came. */
    static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int expected,
                                                          Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** Keeps polling for a moment after the expected records, so extra (aborted) ones would show. */
    static List<ConsumerRecord<String, String>> pollAll(KafkaConsumer<String, String> consumer, int expected,
                                                        Duration timeout) {
        List<ConsumerRecord<String, String>> records = pollUntil(consumer, expected, timeout);
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }
}
