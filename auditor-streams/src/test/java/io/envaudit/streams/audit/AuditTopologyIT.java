package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.rules.Rule;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.streams.app.RunningAuditor;
import io.envaudit.streams.topics.EnvauditTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit topology on the real broker, exactly-once, with 4 partitions: TopologyTestDriver has one
 * partition and cannot show a rule that reaches only some tasks; this test can.
 */
class AuditTopologyIT {
    private static final int PARTITIONS = 4;
    private static final int ENVIRONMENTS = 8;

    @TempDir
    static Path root;

    private static RunningAuditor auditor;

    @BeforeAll
    static void start() {
        auditor = RunningAuditor.start(root, PARTITIONS);
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
}
