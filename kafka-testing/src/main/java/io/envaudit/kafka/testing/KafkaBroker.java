package io.envaudit.kafka.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka broker for an integration test class, started before its {@code @BeforeAll} methods and
 * stopped after its {@code @AfterAll} methods, with the client helpers the tests share:
 *
 * <pre>{@code
 * class SomethingIT {
 *     @RegisterExtension
 *     static final KafkaBroker kafka = new KafkaBroker();   // static: one broker for the class
 *
 *     @Test
 *     void something() throws Exception {
 *         kafka.createTopics(new NewTopic("things", 4, (short) 1));
 *         try (KafkaProducer<String, String> producer = kafka.producer(new StringSerializer(), new StringSerializer())) {
 *             producer.send(new ProducerRecord<>("things", "key", "value")).get();
 *         }
 *         var records = kafka.readUntil("things", new StringDeserializer(), new StringDeserializer(), r -> r.size() >= 1);
 *     }
 * }
 * }</pre>
 *
 * <p>The broker is the project's {@code EmbeddedKafka} in a temporary data dir, or, with
 * {@code -Denvaudit.it.kafka=testcontainers} (or {@code ENVAUDIT_IT_KAFKA=testcontainers}), Testcontainers'
 * {@code apache/kafka}; both are one node with exactly-once working and no auto-created topics. A test
 * that needs the broker's data dir or a restart cannot run on both: it starts its own
 * {@code EmbeddedKafka} instead, and carries {@code @Tag("embedded-only")}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    /** How long a helper waits for what it waits for; reached only when a test is failing. */
    public static final Duration WAIT = Duration.ofMinutes(1);

    private Class<?> owner;
    private RunningBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (broker != null) {
            return; // a @Nested class: it shares the broker of the class that declared the field
        }
        broker = BrokerKind.selected().start();
        owner = context.getRequiredTestClass();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null && context.getRequiredTestClass() == owner) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }

    public String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("no broker is running: declare the KafkaBroker field static, with @RegisterExtension,"
                    + " and use it between @BeforeAll and @AfterAll");
        }
        return broker.bootstrapServers();
    }

    /** What every client needs, the bootstrap servers, as an immutable map: copy it to add settings. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /**
     * Creates the topics and waits until the broker serves them: createTopics completes when the
     * controller has committed a topic, and the broker learns of it a moment later.
     */
    public void createTopics(NewTopic... topics) throws ExecutionException, InterruptedException {
        List<String> names = List.of(topics).stream().map(NewTopic::name).toList();
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(List.of(topics)).all().get();
            long deadline = System.nanoTime() + WAIT.toNanos();
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

    /**
     * A plain producer that waits for the broker's acknowledgement ({@code acks=all}), one request in flight as
     * envaudit's own producers send (topics' {@code ProducerSettings}): with more, records sent at once to a topic just
     * created can wedge until the delivery timeout.
     */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(config, keys, values);
    }

    /**
     * Reads the topic from the start, {@code read_committed}, in a consumer group of its own, until
     * {@code done} holds for the records read so far or {@link #WAIT} has passed; returns what was read.
     */
    public <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys, Deserializer<V> values,
                                                       Predicate<List<ConsumerRecord<K, V>>> done) {
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
