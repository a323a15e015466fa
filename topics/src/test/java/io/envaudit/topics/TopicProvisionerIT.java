package io.envaudit.topics;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.wire.MemorySchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topics made ready on the real broker: created with their settings, or refused with a clear message. */
class TopicProvisionerIT {
    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(kafka.clientConfig());
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    private static EnvauditTopics topics(String prefix) {
        return new EnvauditTopics(prefix, new MemorySchemaRegistry());
    }

    @Test
    void missingTopicsAreCreatedWithTheirSettingsAndTheSnapshotsPartitionCount() throws Exception {
        EnvauditTopics topics = topics("fresh.");
        TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
        provisioner.ensure(topics.all(), 4, Optional.empty());
        Map<String, Integer> partitions = Map.of("fresh.snapshots", 4, "fresh.rules", 1, "fresh.rules-broadcast", 4,
                "fresh.alerts", 4, "fresh.status", 4, "fresh.dlq", 1,
                "fresh.alerts.dlq", 1, "fresh.router.deliveries", 1, "fresh.router.firing", 1);
        var described = admin.describeTopics(partitions.keySet()).allTopicNames().get();
        partitions.forEach((name, count) -> assertEquals(count, described.get(name).partitions().size(), name));
        ConfigResource rules = new ConfigResource(ConfigResource.Type.TOPIC, "fresh.rules");
        assertEquals("compact", admin.describeConfigs(List.of(rules)).all().get().get(rules).get("cleanup.policy").value());
        provisioner.ensure(topics.all(), 4, Optional.empty()); // a second start changes nothing
    }

    @Test
    void noBrokerAtTheBootstrapServersIsSaidSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // nothing listens there once it is closed
        }
        try (Admin nowhere = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closed,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            TopicProvisioningException refused = assertThrows(TopicProvisioningException.class,
                    () -> new TopicProvisioner(nowhere, Duration.ofSeconds(2)).ensure(new NewTopic("nowhere.schemas", 1, (short) 1)));
            assertTrue(refused.getMessage().startsWith("cannot create nowhere.schemas: no Kafka broker answered"), refused.getMessage());
        }
    }

    @Test
    void anExistingSnapshotsTopicDecidesThePartitionsOfNewOnes() throws Exception {
        admin.createTopics(List.of(new NewTopic("sized.snapshots", 6, (short) 1))).all().get();
        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics("sized.").all(), 4, Optional.empty());
        assertEquals(6, admin.describeTopics(List.of("sized.rules-broadcast")).allTopicNames().get()
                .get("sized.rules-broadcast").partitions().size());
    }

    @Test
    void aBroadcastTopicWithOtherPartitionsIsRefusedSayingWhatToDo() throws Exception {
        admin.createTopics(List.of(new NewTopic("skew.snapshots", 4, (short) 1),
                new NewTopic("skew.rules-broadcast", 2, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        TopicProvisioningException e = assertThrows(TopicProvisioningException.class,
                () -> new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics("skew.").all(), 4, Optional.empty()));
        assertTrue(e.getMessage().contains("skew.rules-broadcast has 2 partitions, but skew.snapshots has 4"), e.getMessage());
    }

    @Test
    void aRulesTopicThatIsNotCompactedIsRefused() throws Exception {
        admin.createTopics(List.of(new NewTopic("loose.rules", 1, (short) 1))).all().get();
        TopicProvisioningException e = assertThrows(TopicProvisioningException.class,
                () -> new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics("loose.").all(), 4, Optional.empty()));
        assertTrue(e.getMessage().contains("loose.rules exists with cleanup.policy=delete (needs compact)"), e.getMessage());
    }
}
