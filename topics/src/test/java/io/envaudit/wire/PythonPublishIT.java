package io.envaudit.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.EnvironmentSnapshot;

/**
 * Publishing from Python (Debian's python3-avro and python3-confluent-kafka, i.e. librdkafka) onto a
 * real broker, as docs/wire-format.md tells other languages to: the auditor reads the record, and with
 * partitioner=murmur2_random every key lands on the partition a Java producer would choose.
 */
class PythonPublishIT {
    private static final int PARTITIONS = 8;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void aSnapshotPublishedFromPythonIsReadByTheAuditorOnTheJavaPartition() throws Exception {
        requirePythonKafka();
        String prefix = "py.";
        String snapshots = prefix + "snapshots";
        kafka.createTopics(SchemaRegistryTopic.declaration(SchemaRegistryTopic.topicName(prefix)), new NewTopic(snapshots, PARTITIONS, (short) 1));

        long started = System.nanoTime();
        DebianPython.run("publish_v1_snapshot.py", new byte[0], kafka.bootstrapServers(), prefix,
                DebianPython.resource("/schemas/EnvironmentSnapshot.v1.avsc").toString());
        System.out.printf("PythonPublishIT: python registered the v1 schema and published a snapshot in %d ms%n", Elapsed.millisSince(started));

        try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(kafka.clientConfig(),
                SchemaRegistryTopic.topicName(prefix), SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT)) {
            List<ConsumerRecord<String, EnvironmentSnapshot>> records = kafka.readUntil(snapshots,
                    new StringDeserializer(), new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, registry), read -> !read.isEmpty());
            assertEquals(1, records.size());
            ConsumerRecord<String, EnvironmentSnapshot> record = records.get(0);
            assertEquals(record.value().getEnvironment().getId(), record.key());
            PythonAvroInteropTest.assertPythonExample(record.value());
            assertEquals(1, registry.reads(), "the schema Python registered came from the topic");
            assertEquals(javaPartitions(snapshots, List.of(record.key())).get(record.key()), record.partition());
        }
    }

    @Test
    void murmur2RandomPutsEveryKeyWhereTheJavaProducerDoes() throws Exception {
        requirePythonKafka();
        String topic = "keys.murmur2";
        kafka.createTopics(new NewTopic(topic, PARTITIONS, (short) 1));
        List<String> keys = environmentIds();

        Map<String, Integer> java = javaPartitions(topic, keys);
        Map<String, Integer> python = pythonPartitions(topic, keys, "murmur2_random");

        assertEquals(java, python);
        assertEquals(PARTITIONS, java.values().stream().distinct().count(), "the keys cover every partition");
    }

    @Test
    void librdkafkasDefaultPartitionerPutsSomeKeysElsewhere() throws Exception {
        requirePythonKafka();
        String topic = "keys.default";
        kafka.createTopics(new NewTopic(topic, PARTITIONS, (short) 1));
        List<String> keys = environmentIds();

        Map<String, Integer> java = javaPartitions(topic, keys);
        Map<String, Integer> python = pythonPartitions(topic, keys, "default");

        List<String> moved = keys.stream().filter(key -> !java.get(key).equals(python.get(key))).toList();
        System.out.printf("PythonPublishIT: librdkafka's default partitioner (consistent_random, CRC32) put %d of %d keys"
                + " on another partition than Java's murmur2%n", moved.size(), keys.size());
        assertFalse(moved.isEmpty());
    }

    private static void requirePythonKafka() throws Exception {
        DebianPython.require("avro.io", "python3-avro");
        DebianPython.require("confluent_kafka", "python3-confluent-kafka");
    }

    /** Environment ids as agents make them: host id + "/" + prefix. */
    private static List<String> environmentIds() {
        List<String> keys = new ArrayList<>();
        for (int host = 0; host < 16; host++) {
            String hostId = String.format("%032x", host * 0x9E3779B97F4A7C15L);
            for (String prefix : List.of("/opt/conda", "/opt/conda/envs/train", "/home/ml/.venv", "/usr")) {
                keys.add(hostId + "/" + prefix);
            }
        }
        return keys;
    }

    private static Map<String, Integer> javaPartitions(String topic, List<String> keys) throws Exception {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = kafka.producer(new StringSerializer(), new StringSerializer())) {
            for (String key : keys) {
                RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, "")).get();
                partitions.put(key, metadata.partition());
            }
        }
        return partitions;
    }

    private static Map<String, Integer> pythonPartitions(String topic, List<String> keys, String partitioner) throws Exception {
        String output = new String(DebianPython.run("partition_keys.py", String.join("\n", keys).getBytes(UTF_8),
                kafka.bootstrapServers(), topic, partitioner), UTF_8);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] keyAndPartition = line.split("\t");
            partitions.put(keyAndPartition[0], Integer.parseInt(keyAndPartition[1]));
        }
        assertEquals(keys.size(), partitions.size(), output);
        return partitions;
    }
}
