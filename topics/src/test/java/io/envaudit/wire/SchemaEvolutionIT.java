package io.envaudit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Installer;
import io.envaudit.wire.UndecodableRecordException.Reason;

/**
 * Writers of three schema versions and a reader of the current one, on a real broker: each record is
 * produced with one serializer and read by a consumer whose deserializer and registry are new, so it
 * must fetch every writer schema but its own from the schemas topic.
 */
class SchemaEvolutionIT {
    private static final String KEY = "host-1//opt/conda/envs/train";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static String schemas;

    @BeforeAll
    static void createSchemasTopic() throws Exception {
        schemas = SchemaRegistryTopic.topicName("evolution.");
        kafka.createTopics(SchemaRegistryTopic.declaration(schemas));
    }

    @Test
    void anOlderWriterIsReadWithTheCurrentDefaults(TestInfo test) throws Exception {
        Read read = produceThenRead(test, TestSnapshots.V1, TestSnapshots.v1(KEY));

        assertFalse(read.snapshot.getPartial());
        assertNull(read.snapshot.getPackages().get(1).getShadows());
        assertEquals(KEY, read.snapshot.getEnvironment().getId());
        assertEquals(1, read.registryReads, "the v1 schema came from the topic");
    }

    @Test
    void aNewerWriterIsReadWithoutWhatTheReaderDoesNotKnow(TestInfo test) throws Exception {
        Read read = produceThenRead(test, TestSnapshots.V2, TestSnapshots.v2(KEY));

        assertEquals(Installer.UNKNOWN, read.snapshot.getPackages().get(1).getInstaller());
        assertEquals("pytorch", read.snapshot.getPackages().get(1).getShadows());
        assertTrue(read.snapshot.getPartial());
        assertEquals(1, read.registryReads, "the v2 schema came from the topic");
    }

    @Test
    void theCurrentWriterRoundTrips(TestInfo test) throws Exception {
        EnvironmentSnapshot snapshot = TestSnapshots.current(KEY);
        String topic = createSnapshotsTopic(test);
        try (SchemaRegistryTopic writerRegistry = connect();
             KafkaProducer<String, EnvironmentSnapshot> producer = kafka.producer(
                     new StringSerializer(), new AvroSingleObjectSerde<>(EnvironmentSnapshot.class, writerRegistry).serializer())) {
            producer.send(new ProducerRecord<>(topic, KEY, snapshot)).get();
        }
        try (SchemaRegistryTopic readerRegistry = connect()) {
            List<ConsumerRecord<String, EnvironmentSnapshot>> records = kafka.readUntil(topic,
                    new StringDeserializer(), new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, readerRegistry), read -> !read.isEmpty());
            assertEquals(1, records.size());
            assertEquals(snapshot, records.get(0).value());
            assertEquals(0, readerRegistry.reads(), "the reader knows its own schema");
        }
    }

    @Test
    void aFingerprintInNeitherPlaceIsAnUnknownSchemaForTheDeadLetterHandler(TestInfo test) throws Exception {
        String topic = createSnapshotsTopic(test);
        // A writer that broke the rule: its schema was registered in memory only, never in the topic.
        Schema unregistered = SchemaBuilder.record("EnvironmentSnapshot").namespace("io.envaudit.schemas").fields()
                .requiredString("source").endRecord();
        GenericRecord value = new GenericData.Record(unregistered);
        value.put("source", "rogue agent");
        byte[] bytes = AvroSingleObjectSerializer.forSchema(unregistered, new MemorySchemaRegistry()).serialize(topic, value);
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, KEY, bytes)).get();
        }
        try (SchemaRegistryTopic readerRegistry = connect();
             KafkaConsumer<String, EnvironmentSnapshot> consumer = consumer(topic, readerRegistry)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + KafkaBroker.WAIT.toNanos();
            RecordDeserializationException failure = null;
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200));
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }
            assertInstanceOf(RecordDeserializationException.class, failure, "no deserialization failure in " + KafkaBroker.WAIT);
            assertEquals(0, failure.offset());
            UndecodableRecordException cause = assertInstanceOf(UndecodableRecordException.class, failure.getCause());
            assertEquals(Reason.UNKNOWN_SCHEMA, cause.reason());
            assertEquals(1, readerRegistry.reads(), "looked up in the topic before giving up");
        }
        assertThrows(UndecodableRecordException.class, () -> {
            try (SchemaRegistryTopic again = connect()) {
                new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, again).deserialize(topic, bytes);
            }
        });
    }

    private record Read(EnvironmentSnapshot snapshot, long registryReads) {
    }

    private static Read produceThenRead(TestInfo test, Schema writerSchema, GenericRecord value) throws Exception {
        String topic = createSnapshotsTopic(test);
        long started = System.nanoTime();
        try (SchemaRegistryTopic writerRegistry = connect();
             KafkaProducer<String, GenericRecord> producer = kafka.producer(
                     new StringSerializer(), (Serializer<GenericRecord>) AvroSingleObjectSerializer.forSchema(writerSchema, writerRegistry))) {
            producer.send(new ProducerRecord<>(topic, KEY, value)).get();
        }
        try (SchemaRegistryTopic readerRegistry = connect()) {
            assertFalse(readerRegistry.knowsLocally(SchemaFingerprint.of(writerSchema)));
            List<ConsumerRecord<String, EnvironmentSnapshot>> records = kafka.readUntil(topic,
                    new StringDeserializer(), new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, readerRegistry), read -> !read.isEmpty());
            assertEquals(1, records.size());
            assertEquals(KEY, records.get(0).key());
            System.out.printf("SchemaEvolutionIT: %s produced and read by a fresh reader %d ms%n",
                    test.getDisplayName(), Elapsed.millisSince(started));
            return new Read(records.get(0).value(), readerRegistry.reads());
        }
    }

    private static String createSnapshotsTopic(TestInfo test) throws Exception {
        String topic = "evolution.snapshots." + test.getTestMethod().orElseThrow().getName();
        kafka.createTopics(new NewTopic(topic, 4, (short) 1));
        return topic;
    }

    private static KafkaConsumer<String, EnvironmentSnapshot> consumer(String topic, SchemaRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        return new KafkaConsumer<>(config, new StringDeserializer(), new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, registry));
    }

    private static SchemaRegistryTopic connect() {
        return SchemaRegistryTopic.connect(kafka.clientConfig(), schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
    }
}
