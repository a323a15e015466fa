package io.envaudit.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.envaudit.kafka.testing.KafkaBroker;

/** The compacted schemas topic on a real broker: register, find, share reads, outages. */
class SchemaRegistryTopicIT {
    private static final Duration LOOKUP = Duration.ofSeconds(10);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void theDeclaredTopicIsCompacted() throws Exception {
        String topic = SchemaRegistryTopic.topicName("declared.");
        kafka.createTopics(SchemaRegistryTopic.declaration(topic));

        try (Admin admin = Admin.create(kafka.clientConfig())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals(1, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }
        assertEquals("declared.schemas", topic);
    }

    @Test
    void registerWritesOnceAndAFreshInstanceFindsTheSchemaInTheTopic() throws Exception {
        String topic = createSchemasTopic("register.");
        long fingerprint = SchemaFingerprint.of(TestSnapshots.V1);
        try (SchemaRegistryTopic writer = connect(topic, LOOKUP)) {
            writer.register(TestSnapshots.V1);
            writer.register(TestSnapshots.V1);
        }

        var records = kafka.readUntil(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), read -> !read.isEmpty());
        assertEquals(1, records.size());
        assertEquals(SchemaFingerprint.hex(fingerprint), java.util.HexFormat.of().formatHex(records.get(0).key()));
        assertEquals(TestSnapshots.V1, new Schema.Parser().parse(new String(records.get(0).value(), UTF_8)));

        try (SchemaRegistryTopic reader = connect(topic, LOOKUP)) {
            assertFalse(reader.knowsLocally(fingerprint));
            long started = System.nanoTime();
            assertEquals(TestSnapshots.V1, reader.findByFingerprint(fingerprint));
            System.out.printf("SchemaRegistryTopicIT: first lookup (consumer start + read to end) %d ms%n", Elapsed.millisSince(started));
            assertEquals(TestSnapshots.V1, reader.findByFingerprint(fingerprint));
            assertEquals(1, reader.reads(), "the second lookup is answered from the cache");
        }
    }

    @Test
    void anUnknownFingerprintIsNullAfterReadingToTheEnd() throws Exception {
        String topic = createSchemasTopic("unknown.");
        try (SchemaRegistryTopic writer = connect(topic, LOOKUP); SchemaRegistryTopic reader = connect(topic, LOOKUP)) {
            writer.register(TestSnapshots.V1);
            reader.findByFingerprint(SchemaFingerprint.of(TestSnapshots.V1));

            long started = System.nanoTime();
            assertNull(reader.findByFingerprint(42L));
            long millis = Elapsed.millisSince(started);
            System.out.printf("SchemaRegistryTopicIT: a miss on a warm reader %d ms%n", millis);
            assertTrue(millis < LOOKUP.toMillis(), "answered when the end was reached, not at the timeout: " + millis + " ms");
            // A schema registered after a miss is found by the next lookup: misses are not cached.
            writer.register(TestSnapshots.V2);
            assertEquals(TestSnapshots.V2, reader.findByFingerprint(SchemaFingerprint.of(TestSnapshots.V2)));
        }
    }

    @Test
    void concurrentMissesShareOneRead() throws Exception {
        String topic = createSchemasTopic("concurrent.");
        long fingerprint = SchemaFingerprint.of(TestSnapshots.V2);
        int threads = 16;
        try (SchemaRegistryTopic writer = connect(topic, LOOKUP); SchemaRegistryTopic reader = connect(topic, LOOKUP)) {
            writer.register(TestSnapshots.V2);
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Schema>> found = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    found.add(pool.submit(() -> {
                        start.await();
                        return reader.findByFingerprint(fingerprint);
                    }));
                }
                for (Future<Schema> schema : found) {
                    assertEquals(TestSnapshots.V2, schema.get());
                }
            } finally {
                pool.shutdownNow();
            }
            // Threads that missed before the first read began share it; those that missed while it ran share a second.
            assertTrue(reader.reads() <= 2, "reads of the topic for " + threads + " concurrent misses: " + reader.reads());
        }
    }

    @Test
    void aRecordIsIndexedByItsSchemaAndGarbageIsSkipped() throws Exception {
        String topic = createSchemasTopic("foreign.");
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "not-a-fingerprint".getBytes(UTF_8), TestSnapshots.V2.toString().getBytes(UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, new byte[8], "{not a schema".getBytes(UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, new byte[8], null)).get();
        }
        try (SchemaRegistryTopic reader = connect(topic, LOOKUP)) {
            assertEquals(TestSnapshots.V2, reader.findByFingerprint(SchemaFingerprint.of(TestSnapshots.V2)));
            assertNull(reader.findByFingerprint(0L));
        }
    }

    @Test
    void aMissingTopicIsAnOutageNotAnUnknownSchema() {
        try (SchemaRegistryTopic registry = connect("missing.schemas", Duration.ofSeconds(1))) {
            long started = System.nanoTime();
            SchemaRegistryException lookup = assertThrows(SchemaRegistryException.class, () -> registry.findByFingerprint(42L));
            assertTrue(lookup.getMessage().contains("missing.schemas"), lookup.getMessage());
            SchemaRegistryException register = assertThrows(SchemaRegistryException.class, () -> registry.register(TestSnapshots.V1));
            assertTrue(register.getMessage().contains("missing.schemas"), register.getMessage());
            System.out.printf("SchemaRegistryTopicIT: a missing topic reported in %d ms (lookup and register, 1 s timeout each)%n",
                    Elapsed.millisSince(started));
        }
    }

    private static String createSchemasTopic(String prefix) throws Exception {
        String topic = SchemaRegistryTopic.topicName(prefix);
        kafka.createTopics(SchemaRegistryTopic.declaration(topic));
        return topic;
    }

    private static SchemaRegistryTopic connect(String topic, Duration timeout) {
        return SchemaRegistryTopic.connect(kafka.clientConfig(), topic, timeout);
    }
}
