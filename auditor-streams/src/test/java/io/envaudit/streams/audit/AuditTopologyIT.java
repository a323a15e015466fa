package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.rules.Rule;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.app.RunningAuditor;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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

    /** The auditor's state dir. */
    @TempDir
    static Path root;

    private static RunningAuditor auditor;

    @BeforeAll
    static void start() {
        auditor = RunningAuditor.start(kafka, root, PARTITIONS);
    }

    @AfterAll
    static void stop() {
        auditor.close();
    }

    @Test
    void environmentsOnEveryPartitionAreAuditedAndARuleChangeReachesEveryTask() throws Exception {
        EnvauditTopics topics = auditor.topics();
        Set<String> ids = new HashSet<>();
        try (KafkaProducer<String, EnvironmentSnapshot> producer = auditor.producer(topics.snapshots().valueSerde().serializer())) {
            for (int i = 0; i < ENVIRONMENTS; i++) {
                String id = "host-" + i + "//opt/conda/envs/tf210";
                ids.add(id);
                producer.send(new ProducerRecord<>(topics.snapshots().name(), id, RunningAuditor.seedSample(id))).get();
            }
        }
        List<ConflictAlert> opened = auditor.alertsUntil(a -> a.size() >= ENVIRONMENTS * 4);
        assertEquals(ENVIRONMENTS * 4, opened.size(), "4 conflicts in each of the 8 environments");

        Rule floor = TestRules.numpyFloor();
        auditor.publishRules(List.of(floor));
        List<ConflictAlert> afterRule = auditor.alertsUntil(a -> a.stream().filter(x -> x.getRuleId().equals(floor.id())).count() >= ENVIRONMENTS);
        Set<String> reached = new HashSet<>();
        afterRule.stream().filter(a -> a.getRuleId().equals(floor.id()) && a.getState() == AlertState.OPEN)
                .forEach(a -> reached.add(a.getEnvironmentId()));
        assertEquals(ids, reached, "the new rule reached the environments of every partition");

        try (KafkaProducer<String, CompatibilityRule> producer = auditor.producer(topics.rules().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.rules().name(), floor.id(), null)).get();
        }
        List<ConflictAlert> afterDelete = auditor.alertsUntil(a -> a.stream().filter(x -> x.getRuleId().equals(floor.id())
                && x.getState() == AlertState.RESOLVED).count() >= ENVIRONMENTS);
        assertTrue(afterDelete.stream().filter(x -> x.getRuleId().equals(floor.id()) && x.getState() == AlertState.RESOLVED)
                .allMatch(x -> AlertLifecycle.RULE_DELETED.equals(x.getReason())));
        assertEquals(ENVIRONMENTS, afterDelete.stream().filter(x -> x.getRuleId().equals(floor.id())
                && x.getState() == AlertState.RESOLVED).count());
    }

    @Test
    void aWaiverWaivesOnEveryPartitionABrokenRuleIsDeadLetteredAndADeletedEnvironmentResolves() throws Exception {
        EnvauditTopics topics = auditor.topics();
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, EnvironmentSnapshot> producer = auditor.producer(topics.snapshots().valueSerde().serializer())) {
            for (int i = 0; i < ENVIRONMENTS; i++) {
                String id = "lab-" + i + "//opt/conda/envs/tf210";
                ids.add(id);
                producer.send(new ProducerRecord<>(topics.snapshots().name(), id, RunningAuditor.seedSample(id))).get();
            }
        }
        Function<List<ConflictAlert>, List<ConflictAlert>> ofLab =
                all -> all.stream().filter(a -> a.getEnvironmentId().startsWith("lab-")).toList();
        auditor.alertsUntil(a -> ofLab.apply(a).size() >= ENVIRONMENTS * 4);

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
        try (KafkaProducer<String, CompatibilityRule> producer = auditor.producer(topics.rules().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.rules().name(), "org.broken", broken)).get();
            producer.send(new ProducerRecord<>(topics.rules().name(), waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", Instant.now()))).get();
        }
        List<ConflictAlert> waived = ofLab.apply(auditor.alertsUntil(a -> ofLab.apply(a).stream().filter(x -> x.getState() == AlertState.WAIVED).count() >= ENVIRONMENTS))
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

        try (KafkaProducer<String, EnvironmentSnapshot> producer = auditor.producer(topics.snapshots().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.snapshots().name(), ids.get(0), null)).get();
        }
        List<ConflictAlert> deleted = auditor.alertsUntil(a -> a.stream().filter(x -> x.getEnvironmentId().equals(ids.get(0))
                && AlertLifecycle.ENVIRONMENT_DELETED.equals(x.getReason())).count() >= 4).stream()
                .filter(x -> x.getEnvironmentId().equals(ids.get(0)) && AlertLifecycle.ENVIRONMENT_DELETED.equals(x.getReason())).toList();
        assertEquals(4, deleted.size(), "its three open conflicts and the waived one resolve");
    }
}
