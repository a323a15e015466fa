package io.envaudit.streams.rules;

import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.RuleKind;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.Topic;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules topic on the real broker: read to its end, committed records only, and written through a publication. */
class RulesTopicIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    private static EmbeddedKafka kafka;
    private static Map<String, Object> client;
    private static SchemaRegistryTopic registry;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root));
        client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin, TIMEOUT).ensure(SchemaRegistryTopic.declaration(schemas));
        }
        registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    /** The rules topic under a prefix of the test's own. */
    private static Topic<String, CompatibilityRule> rulesTopic(String prefix) {
        EnvauditTopics topics = new EnvauditTopics(prefix, registry);
        try (Admin admin = Admin.create(client)) {
            new TopicProvisioner(admin, TIMEOUT).ensure(topics.all(), 1, Optional.empty());
        }
        return topics.rules();
    }

    private static CompatibilityRule rule(String id, String yaml) {
        return CompatibilityRule.newBuilder().setId(id).setKind(RuleKind.RULE).setOrigin("user").setYaml(yaml)
                .setPublishedAt(Instant.parse("2026-11-30T12:00:00Z")).setSourceFile("rules.yaml").build();
    }

    private static PublishedRules read(Topic<String, CompatibilityRule> topic) {
        return PublishedRules.read(client, topic, TIMEOUT);
    }

    @Test
    void publicationsAddUpdateAndDeleteAndTheTopicIsReadBackToItsEnd() {
        Topic<String, CompatibilityRule> topic = rulesTopic("published.");
        assertEquals(Map.of(), read(topic).entries(), "an empty topic reads as empty");

        RulePublisher.send(client, topic, RulePublication.ofEntries(read(topic),
                List.of(rule("numpy-pin", "id: numpy-pin\n"), rule("pandas-pin", "id: pandas-pin\n"))), TIMEOUT);
        RulePublisher.send(client, topic, RulePublication.ofEntries(read(topic),
                List.of(rule("pandas-pin", "id: pandas-pin\nseverity: error\n"))), TIMEOUT);
        RulePublisher.send(client, topic, RulePublication.ofDeletions(read(topic), List.of("numpy-pin")), TIMEOUT);

        PublishedRules published = read(topic);
        assertEquals(Set.of("pandas-pin"), published.entries().keySet());
        assertEquals("id: pandas-pin\nseverity: error\n", published.entries().get("pandas-pin").getYaml(), "the latest version");
        assertEquals("rules.yaml", published.entries().get("pandas-pin").getSourceFile());
    }

    @Test
    void aRecordThatCannotBeDecodedIsSetApartUntilAGoodOneReplacesIt() throws Exception {
        Topic<String, CompatibilityRule> topic = rulesTopic("damaged.");
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic.name(), "numpy-pin", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        PublishedRules damaged = read(topic);
        assertEquals(Map.of(), damaged.entries());
        assertEquals(Set.of("numpy-pin"), damaged.ids());
        String why = damaged.unreadable().get("numpy-pin");
        assertTrue(why.startsWith("damaged.rules-0@0: BAD_HEADER"), why);

        RulePublication repair = RulePublication.ofEntries(damaged, List.of(rule("numpy-pin", "id: numpy-pin\n")));
        assertEquals(RulePublication.Outcome.UPDATED, repair.changes().get(0).outcome());
        RulePublisher.send(client, topic, repair, TIMEOUT);
        PublishedRules repaired = read(topic);
        assertEquals(Set.of("numpy-pin"), repaired.entries().keySet());
        assertEquals(Map.of(), repaired.unreadable());
    }

    @Test
    void onlyCommittedRecordsAreReadAndAnOpenTransactionIsNotWaitedFor() {
        Topic<String, CompatibilityRule> topic = rulesTopic("transactional.");
        RulePublisher.send(client, topic, RulePublication.ofEntries(read(topic), List.of(rule("committed", "id: committed\n"))), TIMEOUT);
        try (KafkaProducer<String, CompatibilityRule> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rules-topic-it"), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), "aborted", rule("aborted", "id: aborted\n")));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), "pending", rule("pending", "id: pending\n")));
            producer.flush();

            assertEquals(Set.of("committed"), read(topic).entries().keySet(), "the open transaction is neither seen nor waited for");
            producer.commitTransaction();
        }
        assertEquals(Set.of("committed", "pending"), read(topic).entries().keySet());
    }

    @Test
    void aMissingTopicIsNamed() {
        Topic<String, CompatibilityRule> missing = new EnvauditTopics("missing.", registry).rules();
        RulesTopicException e = assertThrows(RulesTopicException.class, () -> read(missing));
        assertEquals("topic missing.rules does not exist", e.getMessage());
    }
}
