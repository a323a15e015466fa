package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.streams.topics.EnvauditTopics;
import io.envaudit.streams.topics.TopicProvisioner;
import io.envaudit.streams.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit topology on the real broker, exactly-once, with 4 partitions: TopologyTestDriver has one
 * partition and cannot show a rule that reaches only some tasks; this test can.
 */
class AuditTopologyIT {
    private static final int PARTITIONS = 4;
    private static final int ENVIRONMENTS = 8;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    /** The Streams app's state dir. */
    @TempDir
    static Path root;

    private static SchemaRegistryTopic registry;
    private static EnvauditTopics topics;
    private static KafkaStreams streams;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> client = kafka.clientConfig();
        String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
        try (Admin admin = Admin.create(client)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
            registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
            topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
            provisioner.ensure(topics.all(), PARTITIONS, Optional.empty());
        }
        Properties config = StreamingAuditor.config("envaudit-it", root.resolve("streams"), topics,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100));
        streams = StreamingAuditor.create(topics, AuditSettings.DEFAULTS, config);
        streams.start();
        publishRules(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules());
    }

    @AfterAll
    static void stop() {
        StreamingAuditor.stop(streams, Duration.ofSeconds(30));
        registry.close();
    }

    private static void publishRules(List<Rule> rules) {
        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics.rules().valueSerde())) {
            for (Rule rule : rules) {
                producer.send(new ProducerRecord<>(topics.rules().name(), rule.id(), RuleRecords.of(rule, "test", Instant.now())));
            }
        }
    }

    private static <V> KafkaProducer<String, V> producer(Serde<V> values) {
        return kafka.producer(topics.snapshots().keySerde().serializer(), values.serializer());
    }

    /** Alerts read committed, from the start, until the condition holds or {@link KafkaBroker#WAIT} has passed. */
    private static List<ConflictAlert> alertsUntil(Predicate<List<ConflictAlert>> done) {
        List<ConsumerRecord<String, ConflictAlert>> records = kafka.readUntil(topics.alerts().name(),
                topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer(),
                read -> done.test(values(read)));
        return values(records);
    }

    private static List<ConflictAlert> values(List<ConsumerRecord<String, ConflictAlert>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void environmentsOnEveryPartitionAreAuditedAndARuleChangeReachesEveryTask() throws Exception {
        EnvironmentSnapshot seed;
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
        Set<String> ids = new HashSet<>();
        try (KafkaProducer<String, EnvironmentSnapshot> producer = producer(topics.snapshots().valueSerde())) {
            for (int i = 0; i < ENVIRONMENTS; i++) {
                String id = "host-" + i + "//opt/conda/envs/tf210";
                ids.add(id);
                EnvironmentSnapshot snapshot = EnvironmentSnapshot.newBuilder(seed)
                        .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build();
                producer.send(new ProducerRecord<>(topics.snapshots().name(), id, snapshot)).get();
            }
        }
        List<ConflictAlert> opened = alertsUntil(a -> a.size() >= ENVIRONMENTS * 4);
        assertEquals(ENVIRONMENTS * 4, opened.size(), "4 conflicts in each of the 8 environments");

        Rule floor = TestRules.numpyFloor();
        publishRules(List.of(floor));
        List<ConflictAlert> afterRule = alertsUntil(a -> a.stream().filter(x -> x.getRuleId().equals(floor.id())).count() >= ENVIRONMENTS);
        Set<String> reached = new HashSet<>();
        afterRule.stream().filter(a -> a.getRuleId().equals(floor.id()) && a.getState() == AlertState.OPEN)
                .forEach(a -> reached.add(a.getEnvironmentId()));
        assertEquals(ids, reached, "the new rule reached the environments of every partition");

        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics.rules().valueSerde())) {
            producer.send(new ProducerRecord<>(topics.rules().name(), floor.id(), null)).get();
        }
        List<ConflictAlert> afterDelete = alertsUntil(a -> a.stream().filter(x -> x.getRuleId().equals(floor.id())
                && x.getState() == AlertState.RESOLVED).count() >= ENVIRONMENTS);
        assertTrue(afterDelete.stream().filter(x -> x.getRuleId().equals(floor.id()) && x.getState() == AlertState.RESOLVED)
                .allMatch(x -> AlertLifecycle.RULE_DELETED.equals(x.getReason())));
        assertEquals(ENVIRONMENTS, afterDelete.stream().filter(x -> x.getRuleId().equals(floor.id())
                && x.getState() == AlertState.RESOLVED).count());
    }

    @Test
    void aWaiverWaivesOnEveryPartitionABrokenRuleIsDeadLetteredAndADeletedEnvironmentResolves() throws Exception {
        EnvironmentSnapshot seed;
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, EnvironmentSnapshot> producer = producer(topics.snapshots().valueSerde())) {
            for (int i = 0; i < ENVIRONMENTS; i++) {
                String id = "lab-" + i + "//opt/conda/envs/tf210";
                ids.add(id);
                producer.send(new ProducerRecord<>(topics.snapshots().name(), id, EnvironmentSnapshot.newBuilder(seed)
                        .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build())).get();
            }
        }
        Function<List<ConflictAlert>, List<ConflictAlert>> ofLab =
                all -> all.stream().filter(a -> a.getEnvironmentId().startsWith("lab-")).toList();
        alertsUntil(a -> ofLab.apply(a).size() >= ENVIRONMENTS * 4);

        var waiver = TestRules.load("waivers.yaml", """
                waivers:
                  - id: lab-keeps-anaconda-keras
                    rule: anaconda-channel-mixed
                    reason: The lab pins keras from anaconda until the port lands.
                    owner: lab@example.org
                    expires: 2030-01-01
                """).waivers().get(0);
        Rule floor = TestRules.numpyFloor();
        CompatibilityRule broken = CompatibilityRule.newBuilder(RuleRecords.of(floor, "test", Instant.now()))
                .setId("org.broken").setYaml("id: org.broken\nseverity: eror\n").build();
        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics.rules().valueSerde())) {
            producer.send(new ProducerRecord<>(topics.rules().name(), "org.broken", broken)).get();
            producer.send(new ProducerRecord<>(topics.rules().name(), waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", Instant.now()))).get();
        }
        List<ConflictAlert> waived = ofLab.apply(alertsUntil(a -> ofLab.apply(a).stream().filter(x -> x.getState() == AlertState.WAIVED).count() >= ENVIRONMENTS))
                .stream().filter(x -> x.getState() == AlertState.WAIVED).toList();
        assertEquals(Set.copyOf(ids), waived.stream().map(ConflictAlert::getEnvironmentId).collect(Collectors.toSet()),
                "the waiver reached every partition");
        assertTrue(waived.stream().allMatch(a -> a.getRuleId().equals("anaconda-channel-mixed")));

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readUntil(topics.deadLetters().name(), topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer(), records -> !records.isEmpty());
        assertEquals(1, dead.size(), "the broken rule is dead-lettered once, before the broadcast");
        assertEquals("org.broken", new String(dead.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(topics.rules().name(), new String(dead.get(0).headers().lastHeader("__streams.errors.topic").value(),
                StandardCharsets.UTF_8));

        try (KafkaProducer<String, EnvironmentSnapshot> producer = producer(topics.snapshots().valueSerde())) {
            producer.send(new ProducerRecord<>(topics.snapshots().name(), ids.get(0), null)).get();
        }
        List<ConflictAlert> deleted = alertsUntil(a -> a.stream().filter(x -> x.getEnvironmentId().equals(ids.get(0))
                && AlertLifecycle.ENVIRONMENT_DELETED.equals(x.getReason())).count() >= 4).stream()
                .filter(x -> x.getEnvironmentId().equals(ids.get(0)) && AlertLifecycle.ENVIRONMENT_DELETED.equals(x.getReason())).toList();
        assertEquals(4, deleted.size(), "its three open conflicts and the waived one resolve");
    }
}
