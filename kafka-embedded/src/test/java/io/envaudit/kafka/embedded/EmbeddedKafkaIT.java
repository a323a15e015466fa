package io.envaudit.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker for the class: topics, exactly-once plumbing, and the data dir lock. */
// Tests the embedded launcher itself (its data dir and lock): on its own broker whatever envaudit.it.kafka says.
@Tag("embedded-only")
class EmbeddedKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root));
        System.out.printf("EmbeddedKafkaIT: first start (format + start) %d ms at %s%n",
                millisSince(started), kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        long stopping = System.nanoTime();
        kafka.close();
        System.out.printf("EmbeddedKafkaIT: stop %d ms%n", millisSince(stopping));
    }

    @Test
    void dataDirDefaultsUnderTheRoot() {
        assertEquals(root.toAbsolutePath().resolve(".envaudit/kafka"), kafka.config().dataDir());
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
    }

    @Test
    void createsATopicWithFourPartitions() throws Exception {
        TopicDescription topic = TestClients.createTopic(kafka.bootstrapServers(), "four-partitions", 4);

        assertEquals(4, topic.partitions().size());
        for (TopicPartitionInfo partition : topic.partitions()) {
            assertEquals(BrokerProperties.NODE_ID, partition.leader().id(), "leader of " + partition);
        }
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() throws Exception {
        String topic = "transactions";
        TestClients.createTopic(kafka.bootstrapServers(), topic, 4);

        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(kafka.bootstrapServers(), "tx-1")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 8; i++) {
                producer.send(new ProducerRecord<>(topic, "host-" + i, "committed-" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "host-x", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "host-y", "aborted-2"));
            producer.flush();
            producer.abortTransaction();
        }
        System.out.printf("EmbeddedKafkaIT: one committed and one aborted transaction %d ms%n",
                millisSince(started));

        Set<String> committed = values(readAll(topic, "read_committed", 8));
        Set<String> uncommitted = values(readAll(topic, "read_uncommitted", 10));

        assertEquals(expectedCommitted(8), committed);
        // The aborted records are in the log; only the isolation level hides them.
        assertEquals(10, uncommitted.size(), uncommitted::toString);
    }

    @Test
    void consumeTransformProduceCommitsOffsetsInTheTransaction() throws Exception {
        String input = "eos-input";
        String output = "eos-output";
        String group = "eos-app";
        TestClients.createTopic(kafka.bootstrapServers(), input, 4);
        TestClients.createTopic(kafka.bootstrapServers(), output, 4);
        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(kafka.bootstrapServers(), "tx-in")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 8; i++) {
                producer.send(new ProducerRecord<>(input, "host-" + i, "committed-" + i));
            }
            producer.commitTransaction();
        }

        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = TestClients.consumer(kafka.bootstrapServers(), group, "read_committed");
             KafkaProducer<String, String> producer = TestClients.transactionalProducer(kafka.bootstrapServers(), "tx-app")) {
            producer.initTransactions();
            consumer.subscribe(List.of(input));
            List<ConsumerRecord<String, String>> records = TestClients.pollUntil(consumer, 8, WAIT);
            assertEquals(8, records.size(), "records read from " + input);

            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                producer.send(new ProducerRecord<>(output, record.key(), record.value().toUpperCase()));
                offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        }
        System.out.printf("EmbeddedKafkaIT: consume-transform-produce with offsets in the transaction %d ms%n",
                millisSince(started));

        try (Admin admin = TestClients.admin(kafka.bootstrapServers())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertEquals(8, total, "offsets committed by the transaction: " + committed);
        }
        Set<String> transformed = values(readAll(output, "read_committed", 8));
        assertEquals(expectedCommitted(8).stream().map(String::toUpperCase).collect(Collectors.toSet()), transformed);
    }

    @Test
    void secondBrokerOnTheSameDataDirFailsInThisProcess() throws Exception {
        EmbeddedKafkaException failure = assertThrows(EmbeddedKafkaException.class,
                () -> EmbeddedKafka.start(kafka.config()).close());

        assertTrue(failure.getMessage().contains(kafka.config().dataDir() + " is in use"), failure.getMessage());
        assertTrue(failure.getMessage().contains("pid " + ProcessHandle.current().pid()), failure.getMessage());
        assertBrokerStillServes();
    }

    @Test
    void secondBrokerOnTheSameDataDirFailsInAnotherProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SecondProcess.class.getName(), kafka.config().dataDir().toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(other.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the second process did not finish");
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(SecondProcess.EXIT_REFUSED, other.exitValue(), output);
        assertTrue(output.contains(kafka.config().dataDir() + " is in use"), output);
        assertTrue(output.contains("pid " + ProcessHandle.current().pid()), output);
        assertBrokerStillServes();
    }

    private static void assertBrokerStillServes() throws ExecutionException, InterruptedException {
        try (Admin admin = TestClients.admin(kafka.bootstrapServers())) {
            assertEquals(kafka.clusterId(), admin.describeCluster().clusterId().get());
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, String isolation, int expected) {
        try (KafkaConsumer<String, String> consumer =
                     TestClients.consumer(kafka.bootstrapServers(), topic + "-" + isolation, isolation)) {
            consumer.subscribe(List.of(topic));
            return TestClients.pollAll(consumer, expected, WAIT);
        }
    }

    private static Set<String> expectedCommitted(int count) {
        Set<String> values = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            values.add("committed-" + i);
        }
        return values;
    }

    private static Set<String> values(List<ConsumerRecord<String, String>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(record -> values.add(record.value()));
        Set<String> unique = new TreeSet<>(values);
        assertEquals(values.size(), unique.size(), "duplicates in " + values);
        return unique;
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
