package io.envaudit.cli;

import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.Topic;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent daemon through a broker outage: started while no broker listens, it says so in its log each round,
 * keeps running, and delivers as soon as a broker comes up on that address. Its credentials never reach its
 * output. The broker is started late, on a port chosen before: so it is the embedded one, not the shared
 * test broker.
 */
@Tag("embedded-only")
class AgentOutageIT {
    private static final EnvauditJar AGENT_JAR = new EnvauditJar(Path.of("target", "envaudit-agent.jar"));
    private static final String SECRET = "s3cret-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path folder;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theDaemonWaitsOutAnOutage_thenDelivers_andNeverPrintsItsCredentials() throws Exception {
        int brokerPort = freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path environment = VenvFixture.venv(folder.resolve("env"), "numpy==2.0.1", "tensorflow==2.15.0");
        // a password in the client properties: unused by a PLAINTEXT listener, present in every client's config
        Path clientProperties = folder.resolve("client.properties");
        Files.writeString(clientProperties, "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"agent\" password=\"" + SECRET + "\";\n");

        EnvauditJar.Running daemon = AGENT_JAR.start("agent", "publish", "--interval", "1s", "--bootstrap-servers", bootstrap,
                "--kafka-config", clientProperties.toString(), "--state", folder.resolve("published.properties").toString(),
                "--path", environment.toString());
        try {
            List<String> log = daemon.awaitLog(lines -> lines.stream().filter(l -> l.contains("kept for the next round")).count() >= 2);
            assertTrue(log.stream().anyMatch(l -> l.contains("1 of 1 record(s) not delivered, kept for the next round (2 round(s) in a row)")),
                    String.join("\n", log));

            EmbeddedKafkaConfig config = EmbeddedKafkaConfig.under(folder.resolve("kafka")).withPorts(brokerPort, freePort());
            try (EmbeddedKafka broker = EmbeddedKafka.start(config)) {
                Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX),
                        Duration.ofSeconds(30))) {
                    EnvauditTopics topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
                    try (Admin admin = Admin.create(client)) {
                        TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
                        provisioner.ensure(SchemaRegistryTopic.declaration(registry.topic()));
                        provisioner.ensure(List.of(topics.snapshots()), 1, Optional.empty());
                    }
                    log = daemon.awaitLog(lines -> lines.stream().anyMatch(l -> l.contains("reachable again")));
                    assertTrue(log.stream().anyMatch(l -> l.contains("the snapshots topic is reachable again after")), String.join("\n", log));

                    List<ConsumerRecord<String, EnvironmentSnapshot>> records = readAll(client, topics.snapshots());
                    assertEquals(1, records.size());
                    assertEquals(environment.toString(), records.get(0).value().getEnvironment().getPrefix());
                }
                CommandResult stopped = daemon.stop();
                assertEquals(0, stopped.exitCode(), stopped.err());
                assertFalse(stopped.out().contains(SECRET) || stopped.err().contains(SECRET), "the password never appears in the output");
                assertTrue(stopped.out().contains("Publishing every 1s to " + bootstrap), stopped.out());
            }
        } finally {
            daemon.kill();
        }
    }

    private static List<ConsumerRecord<String, EnvironmentSnapshot>> readAll(Map<String, Object> client, Topic<String, EnvironmentSnapshot> topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, EnvironmentSnapshot>> records = new ArrayList<>();
        try (KafkaConsumer<String, EnvironmentSnapshot> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
