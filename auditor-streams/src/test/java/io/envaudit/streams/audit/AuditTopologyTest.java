package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.streams.topics.EnvauditTopics;
import io.envaudit.streams.wire.MemorySchemaRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot path of the audit topology, one partition, on TopologyTestDriver. */
class AuditTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, EnvironmentSnapshot> snapshots;
    private TestInputTopic<String, CompatibilityRule> rules;
    private TestOutputTopic<String, ConflictAlert> alerts;
    private TestOutputTopic<String, EnvironmentStatus> status;
    private EnvironmentSnapshot seed;
    private String environmentId;

    @BeforeEach
    void start() throws IOException {
        EnvauditTopics topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, new MemorySchemaRegistry());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "envaudit-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(AuditTopology.build(topics, BuiltInChecks.all(), AuditSettings.DEFAULTS), config, T0);
        rules = driver.createInputTopic(topics.rulesBroadcast().name(), topics.rulesBroadcast().keySerde().serializer(),
                topics.rulesBroadcast().valueSerde().serializer());
        for (Rule rule : DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules()) {
            rules.pipeInput(rule.id(), RuleRecords.of(rule, "default pack", T0));
        }
        snapshots = driver.createInputTopic(topics.snapshots().name(), topics.snapshots().keySerde().serializer(),
                topics.snapshots().valueSerde().serializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
        status = driver.createOutputTopic(topics.status().name(), topics.status().keySerde().deserializer(),
                topics.status().valueSerde().deserializer());
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
        environmentId = seed.getEnvironment().getId();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private EnvironmentSnapshot collectedAt(EnvironmentSnapshot snapshot, Instant at) {
        return EnvironmentSnapshot.newBuilder(snapshot).setCollectedAt(at).build();
    }

    @Test
    void aBrokenEnvironmentOpensOneAlertPerConflictAndIsDrifted() {
        snapshots.pipeInput(environmentId, seed);
        List<ConflictAlert> opened = alerts.readValuesToList();
        assertEquals(4, opened.size());
        assertTrue(opened.stream().allMatch(a -> a.getState() == AlertState.OPEN && a.getFix() != null));
        assertTrue(alerts.isEmpty());
        EnvironmentStatus s = status.readValue();
        assertEquals(EnvironmentState.DRIFTED, s.getState());
        assertEquals(2, s.getOpenError());
        assertEquals(2, s.getOpenWarning());
    }

    @Test
    void anUnchangedSnapshotSendsNoAlertsAndAnOlderOneIsIgnored() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        status.readValuesToList();
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        snapshots.pipeInput(environmentId, collectedAt(seed, seed.getCollectedAt().plus(Duration.ofMinutes(5))));
        assertTrue(alerts.isEmpty(), "periodic snapshots of an unchanged environment produce no alert traffic");
        assertEquals(1, status.readValuesToList().size());
        snapshots.pipeInput(environmentId, collectedAt(seed, seed.getCollectedAt().minus(Duration.ofHours(1))));
        assertTrue(alerts.isEmpty() && status.isEmpty(), "an older snapshot changes nothing");
    }

    @Test
    void aFixResolvesOnlyTheConflictsItFixed() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        // remove the pip protobuf that shadows conda's: the duplicate install is fixed, the keras conflicts stay
        EnvironmentSnapshot fixed = EnvironmentSnapshot.newBuilder(seed)
                .setCollectedAt(seed.getCollectedAt().plus(Duration.ofMinutes(10)))
                .setPackages(seed.getPackages().stream()
                        .filter(p -> !(p.getName().equals("protobuf") && p.getInstaller().name().equals("PIP"))).toList())
                .build();
        snapshots.pipeInput(environmentId, fixed);
        List<ConflictAlert> changes = alerts.readValuesToList();
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(AlertState.RESOLVED, changes.get(0).getState());
        assertEquals("duplicate-distribution", changes.get(0).getRuleId());
        assertEquals(AlertLifecycle.FIXED, changes.get(0).getReason());
    }

    @Test
    void aDeletedEnvironmentResolvesItsAlertsAndLeavesTheStatusTable() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        status.readValuesToList();
        snapshots.pipeInput(new TestRecord<>(environmentId, null, T0.plus(Duration.ofHours(1))));
        List<ConflictAlert> resolved = alerts.readValuesToList();
        assertEquals(4, resolved.size());
        assertTrue(resolved.stream().allMatch(a -> a.getState() == AlertState.RESOLVED
                && AlertLifecycle.ENVIRONMENT_DELETED.equals(a.getReason())));
        TestRecord<String, EnvironmentStatus> tombstone = status.readRecord();
        assertEquals(environmentId, tombstone.key());
        assertNull(tombstone.value());
        snapshots.pipeInput(environmentId, collectedAt(seed, seed.getCollectedAt().plus(Duration.ofDays(1))));
        assertEquals(4, alerts.readValuesToList().size(), "after deletion the environment starts afresh");
    }

    @Test
    void aNewRuleOpensAlertsOnEnvironmentsAlreadyReportedAndDeletingItResolvesThem() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        Rule numpy = TestRules.numpyFloor();
        rules.pipeInput(numpy.id(), RuleRecords.of(numpy, "policy.yaml", T0));
        List<ConflictAlert> opened = alerts.readValuesToList();
        assertEquals(List.of("org.numpy-floor"), opened.stream().map(ConflictAlert::getRuleId).toList());
        assertEquals(AlertState.OPEN, opened.get(0).getState());
        rules.pipeInput(numpy.id(), (CompatibilityRule) null);
        List<ConflictAlert> resolved = alerts.readValuesToList();
        assertEquals(1, resolved.size());
        assertEquals(AlertState.RESOLVED, resolved.get(0).getState());
        assertEquals(AlertLifecycle.RULE_DELETED, resolved.get(0).getReason());
    }

    @Test
    void aWaiverMovesItsAlertsToWaivedAndDeletingItOpensThemAgain() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        var waiver = TestRules.load("waivers.yaml", """
                waivers:
                  - id: vision-keeps-anaconda-keras
                    rule: anaconda-channel-mixed
                    reason: The vision team pins keras from anaconda until the port lands.
                    owner: vision@example.org
                    expires: 2030-01-01
                """).waivers().get(0);
        rules.pipeInput(waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", T0));
        List<ConflictAlert> waived = alerts.readValuesToList();
        assertEquals(1, waived.size(), waived.toString());
        assertEquals(AlertState.WAIVED, waived.get(0).getState());
        assertEquals("vision-keeps-anaconda-keras", waived.get(0).getReason());
        rules.pipeInput(waiver.id(), (CompatibilityRule) null);
        List<ConflictAlert> reopened = alerts.readValuesToList();
        assertEquals(AlertState.OPEN, reopened.get(0).getState());
        assertEquals(AlertLifecycle.WAIVER_ENDED, reopened.get(0).getReason());
    }
}
