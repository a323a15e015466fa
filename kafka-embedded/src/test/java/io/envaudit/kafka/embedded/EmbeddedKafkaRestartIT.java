package io.envaudit.kafka.embedded;

import static io.envaudit.kafka.embedded.EmbeddedKafkaIT.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop and start again on the same data dir: same address, same cluster, topics and records kept;
 * a start that fails (its recorded port taken) leaves the data dir usable.
 */
// Stops and restarts a broker on its data dir: embedded only, whatever envaudit.it.kafka says.
@Tag("embedded-only")
class EmbeddedKafkaRestartIT {

    private static final String TOPIC = "kept";
    private static final int RECORDS = 20;

    @TempDir
    Path root;

    @Test
    void restartKeepsAddressTopicsAndRecordsAndSurvivesAFailedStart() throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.under(root);
        String bootstrap;
        String clusterId;

        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            System.out.printf("EmbeddedKafkaRestartIT: first start %d ms%n", millisSince(started));
            bootstrap = kafka.bootstrapServers();
            clusterId = kafka.clusterId();
            TestClients.createTopic(bootstrap, TOPIC, 4);
            try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(bootstrap, "tx-kept")) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "host-" + i, "record-" + i));
                }
                producer.commitTransaction();
            }
            started = System.nanoTime();
        }
        System.out.printf("EmbeddedKafkaRestartIT: stop %d ms%n", millisSince(started));

        int recordedPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        ServerSocket squatter = new ServerSocket(recordedPort, 1, InetAddress.getLoopbackAddress());
        try {
            started = System.nanoTime();
            EmbeddedKafkaException failure = assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedKafka.start(config).close());
            System.out.printf("EmbeddedKafkaRestartIT: failed start on a taken port %d ms: %s%n",
                    millisSince(started), failure.getMessage());
            assertTrue(failure.getMessage().contains(bootstrap), failure.getMessage());
            assertTrue(failure.getMessage().contains(config.dataDir().toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("A port is taken"), failure.getMessage());
        } finally {
            squatter.close();
        }

        started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            System.out.printf("EmbeddedKafkaRestartIT: restart %d ms%n", millisSince(started));
            assertEquals(bootstrap, kafka.bootstrapServers(), "bootstrap after restart");
            assertEquals(clusterId, kafka.clusterId(), "cluster id after restart");
            try (Admin admin = TestClients.admin(bootstrap)) {
                assertEquals(4, TestClients.describeTopic(admin, TOPIC).partitions().size());
            }
            Map<String, String> values = new TreeMap<>();
            try (KafkaConsumer<String, String> consumer = TestClients.consumer(bootstrap, "after-restart", "read_committed")) {
                consumer.subscribe(List.of(TOPIC));
                List<ConsumerRecord<String, String>> records = TestClients.pollAll(consumer, RECORDS, Duration.ofSeconds(30));
                records.forEach(record -> values.put(record.key(), record.value()));
                assertEquals(RECORDS, records.size(), "records after restart: " + values);
            }
            for (int i = 0; i < RECORDS; i++) {
                assertEquals("record-" + i, values.get("host-" + i));
            }
            started = System.nanoTime();
        }
        System.out.printf("EmbeddedKafkaRestartIT: stop after restart %d ms%n", millisSince(started));
    }
}
