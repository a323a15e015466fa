package io.envaudit.streams.audit;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.rules.Waiver;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;
import io.envaudit.schemas.ReauditQueue;
import io.envaudit.schemas.StoredEnvironment;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.dlq.DeadLetterReason;
import io.envaudit.streams.metrics.AuditorMeters;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.envaudit.streams.metrics.MetricsText;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.MemorySchemaRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot path of the audit topology, one partition, on TopologyTestDriver. */
class AuditTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CompatibilityRule> published;
    private TestOutputTopic<String, CompatibilityRule> broadcast;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestInputTopic<String, EnvironmentSnapshot> snapshots;
    private TestInputTopic<String, CompatibilityRule> rules;
    private TestOutputTopic<String, ConflictAlert> alerts;
    private TestOutputTopic<String, EnvironmentStatus> status;
    private EnvironmentSnapshot seed;
    private String environmentId;
    private EnvauditTopics topics;
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() throws IOException {
        start(AuditSettings.DEFAULTS);
    }

    private void start(AuditSettings settings) throws IOException {
        if (driver != null) {
            driver.close();
        }
        start(settings, stateDir);
        for (Rule rule : DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules()) {
            rules.pipeInput(rule.id(), RuleRecords.of(rule, "default pack", T0));
        }
    }

    /** A driver on {@code dir}, as it is (no rules published), counting in a fresh registry. */
    private void start(AuditSettings settings, Path dir) throws IOException {
        topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, new MemorySchemaRegistry());
        registry = AuditorMetrics.registry();
        AuditorMeters meters = new AuditorMeters(registry);
        Properties config = StreamingAuditor.config("envaudit-test", dir, topics, meters,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
        driver = new TopologyTestDriver(AuditTopology.build(topics, BuiltInChecks.all(), settings, meters), config, T0);
        published = driver.createInputTopic(topics.rules().name(), topics.rules().keySerde().serializer(),
                topics.rules().valueSerde().serializer());
        broadcast = driver.createOutputTopic(topics.rulesBroadcast().name(), topics.rulesBroadcast().keySerde().deserializer(),
                topics.rulesBroadcast().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
        rules = driver.createInputTopic(topics.rulesBroadcast().name(), topics.rulesBroadcast().keySerde().serializer(),
                topics.rulesBroadcast().valueSerde().serializer());
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
        driver = null;
    }

    /** The vision team's waiver of the seed's mixed-channel warning, valid through {@code expires}. */
    private static Waiver keepsAnacondaKeras(String expires) {
        return TestRules.load("waivers.yaml", """
                waivers:
                  - id: vision-keeps-anaconda-keras
                    rule: anaconda-channel-mixed
                    reason: The vision team pins keras from anaconda until the port lands.
                    owner: vision@example.org
                    expires: %s
                """.formatted(expires)).waivers().get(0);
    }

    private KeyValueStore<String, StoredEnvironment> environmentsStore() {
        return driver.getKeyValueStore(AuditProcessor.ENVIRONMENTS);
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
        StoredEnvironment stored = environmentsStore().get(environmentId);
        snapshots.pipeInput(environmentId, collectedAt(seed, seed.getCollectedAt().plus(Duration.ofMinutes(5))));
        assertTrue(alerts.isEmpty(), "periodic snapshots of an unchanged environment produce no alert traffic");
        assertTrue(status.isEmpty(), "nor a status while the last-seen time moved less than a tenth of the stale TTL");
        snapshots.pipeInput(environmentId, collectedAt(seed, seed.getCollectedAt().minus(Duration.ofHours(1))));
        assertTrue(alerts.isEmpty() && status.isEmpty(), "an older snapshot changes nothing");

        Instant later = seed.getCollectedAt().plus(AuditSettings.DEFAULTS.staleAfter().dividedBy(10));
        snapshots.pipeInput(environmentId, collectedAt(seed, later));
        assertTrue(alerts.isEmpty());
        EnvironmentStatus seen = status.readValue();
        assertEquals(later, seen.getLastSeen(), "a tenth of the stale TTL later, the last-seen time moves on");
        assertEquals(seed.getCollectedAt(), seen.getCollectedAt(), "the audited content is still the first snapshot's");
        assertEquals(EnvironmentState.DRIFTED, seen.getState());
        assertEquals(stored, environmentsStore().get(environmentId), "a heartbeat does not rewrite the stored environment");
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
        Waiver waiver = keepsAnacondaKeras("2030-01-01");
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

    @Test
    void aSilentEnvironmentTurnsStaleKeepingItsCountsWakesUpWhenItReportsAndIsRetiredAfterTheRetention() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        status.readValuesToList();
        Duration staleAfter = AuditSettings.DEFAULTS.staleAfter();
        driver.advanceWallClockTime(staleAfter);
        assertTrue(status.isEmpty(), "not stale before the TTL and the last-seen precision have passed");
        driver.advanceWallClockTime(staleAfter.dividedBy(10));
        EnvironmentStatus stale = status.readValue();
        assertEquals(EnvironmentState.STALE, stale.getState());
        assertEquals(2, stale.getOpenError(), "the counts stay");
        assertTrue(alerts.isEmpty());
        driver.advanceWallClockTime(Duration.ofHours(1));
        assertTrue(status.isEmpty(), "stale is sent once");

        Instant now = T0.plus(staleAfter).plus(staleAfter.dividedBy(10)).plus(Duration.ofHours(1));
        snapshots.pipeInput(environmentId, collectedAt(seed, now));
        assertEquals(EnvironmentState.DRIFTED, status.readValue().getState(), "a heartbeat wakes a stale environment");
        assertTrue(alerts.isEmpty());

        driver.advanceWallClockTime(AuditSettings.DEFAULTS.retireAfter().plus(staleAfter.dividedBy(10)));
        List<ConflictAlert> retired = alerts.readValuesToList();
        assertEquals(4, retired.size());
        assertTrue(retired.stream().allMatch(a -> a.getState() == AlertState.RESOLVED && AlertLifecycle.RETIRED.equals(a.getReason())));
        List<TestRecord<String, EnvironmentStatus>> last = status.readRecordsToList();
        assertNull(last.get(last.size() - 1).value(), "a retired environment leaves the status table");
        assertNull(environmentsStore().get(environmentId));
    }

    @Test
    void anExpiredWaiverOpensItsAlertsAgainAtItsExpiry() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        Waiver waiver = keepsAnacondaKeras("2026-12-02");
        rules.pipeInput(waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", T0));
        assertEquals(AlertState.WAIVED, alerts.readValue().getState());
        driver.advanceWallClockTime(Duration.ofDays(2));
        assertTrue(alerts.isEmpty(), "a waiver expiring on a date holds through that day (UTC)");
        driver.advanceWallClockTime(Duration.ofDays(1));
        List<ConflictAlert> reopened = alerts.readValuesToList();
        assertEquals(1, reopened.size(), reopened.toString());
        assertEquals(AlertState.OPEN, reopened.get(0).getState());
        assertEquals(AlertLifecycle.WAIVER_ENDED, reopened.get(0).getReason());
    }

    @Test
    void aRuleChangeReauditsALargePartitionInChunksAndARuleChangedMeanwhileStartsOver() throws IOException {
        start(new AuditSettings(Severity.WARNING, Duration.ofDays(3), Duration.ofDays(30), 2));
        for (int i = 0; i < 5; i++) {
            String id = "ws-" + i + "//opt/conda/envs/tf210";
            snapshots.pipeInput(id, EnvironmentSnapshot.newBuilder(seed)
                    .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build());
        }
        alerts.readValuesToList();
        Rule numpy = TestRules.numpyFloor();
        rules.pipeInput(numpy.id(), RuleRecords.of(numpy, "policy.yaml", T0));
        assertEquals(List.of("ws-0", "ws-1"), hostsOf(alerts.readValuesToList()), "the first chunk at once");
        driver.advanceWallClockTime(AuditProcessor.REAUDIT_INTERVAL);
        assertEquals(List.of("ws-2", "ws-3"), hostsOf(alerts.readValuesToList()), "the next from the punctuator");

        rules.pipeInput(numpy.id(), (CompatibilityRule) null);
        List<ConflictAlert> resolved = alerts.readValuesToList();
        assertEquals(List.of("ws-0", "ws-1"), hostsOf(resolved), "deleting the rule starts its re-audit over");
        assertTrue(resolved.stream().allMatch(a -> AlertLifecycle.RULE_DELETED.equals(a.getReason())));
        driver.advanceWallClockTime(AuditProcessor.REAUDIT_INTERVAL);
        assertEquals(List.of("ws-2", "ws-3"), hostsOf(alerts.readValuesToList()), "ws-4, never reached by the first job, had nothing open");
        driver.advanceWallClockTime(AuditProcessor.REAUDIT_INTERVAL);
        assertTrue(alerts.isEmpty());
        assertTrue(driver.<String, ReauditQueue>getKeyValueStore(AuditProcessor.REAUDITS)
                .get(Reaudits.KEY).getJobs().isEmpty(), "the re-audit is done");
    }

    private static List<String> hostsOf(List<ConflictAlert> alerts) {
        return alerts.stream().map(a -> a.getEnvironmentId().substring(0, a.getEnvironmentId().indexOf('/'))).toList();
    }

    @Test
    void aPublishedRuleThatDoesNotLoadIsDeadLetteredAndThePreviousVersionStaysInForce() {
        Rule numpy = TestRules.numpyFloor();
        published.pipeInput(numpy.id(), RuleRecords.of(numpy, "policy.yaml", T0));
        assertEquals(numpy.id(), broadcast.readRecord().key());
        CompatibilityRule broken = CompatibilityRule.newBuilder(RuleRecords.of(numpy, "policy.yaml", T0))
                .setYaml("id: org.numpy-floor\nseverity: eror\n").build();
        published.pipeInput(numpy.id(), broken);
        assertTrue(broadcast.isEmpty(), "the broken version never reaches the auditors");
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertEquals(numpy.id(), new String(dead.key(), StandardCharsets.UTF_8));
        String message = new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8);
        assertTrue(message.contains("org.numpy-floor") && message.contains("is not applied"), message);
        assertEquals("INVALID_RULE", new String(dead.headers().lastHeader(DeadLetterReason.HEADER).value(), StandardCharsets.UTF_8));
    }

    /** The partition's counts store, as series text {@code name{label=value,...}} → count, sorted. */
    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (var it = driver.<String, Long>getKeyValueStore(AuditProcessor.COUNTS).all()) {
            it.forEachRemaining(entry -> {
                if (Series.isSeries(entry.key)) {
                    Series series = Series.parse(entry.key);
                    counts.put(series.name() + series.labels(), entry.value);
                }
            });
        }
        return counts;
    }

    @Test
    void thePartitionCountsFollowEveryChangeOfStatusAndConflicts() {
        snapshots.pipeInput(environmentId, seed);
        assertEquals(Map.of(
                "envaudit_environments{state=drifted, team=ml-vision}", 1L,
                "envaudit_drifted_environments{severity=error, team=ml-vision}", 1L,
                "envaudit_drifted_environments_by_rule{rule=conda-depends, team=ml-vision}", 1L,
                "envaudit_drifted_environments_by_rule{rule=duplicate-distribution, team=ml-vision}", 1L,
                "envaudit_drifted_environments_by_rule{rule=anaconda-channel-mixed, team=ml-vision}", 1L,
                "envaudit_drifted_environments_by_rule{rule=keras-tensorflow-same-channel, team=ml-vision}", 1L,
                "envaudit_open_conflicts{rule=conda-depends, severity=error}", 1L,
                "envaudit_open_conflicts{rule=duplicate-distribution, severity=error}", 1L,
                "envaudit_open_conflicts{rule=anaconda-channel-mixed, severity=warning}", 1L,
                "envaudit_open_conflicts{rule=keras-tensorflow-same-channel, severity=warning}", 1L), counts());

        String other = "ws-ml-09//opt/conda/envs/tf210";
        snapshots.pipeInput(other, EnvironmentSnapshot.newBuilder(seed)
                .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(other).build()).build());
        assertEquals(2L, counts().get("envaudit_environments{state=drifted, team=ml-vision}"));
        assertEquals(2L, counts().get("envaudit_open_conflicts{rule=conda-depends, severity=error}"));

        Waiver waiver = keepsAnacondaKeras("2030-01-01");
        rules.pipeInput(waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", T0));
        assertNull(counts().get("envaudit_open_conflicts{rule=anaconda-channel-mixed, severity=warning}"), "waived is not open");
        assertNull(counts().get("envaudit_drifted_environments_by_rule{rule=anaconda-channel-mixed, team=ml-vision}"));

        snapshots.pipeInput(new TestRecord<>(other, null, T0.plus(Duration.ofMinutes(1))));
        assertEquals(1L, counts().get("envaudit_environments{state=drifted, team=ml-vision}"), "a deleted environment leaves the counts");

        Duration staleAfter = AuditSettings.DEFAULTS.staleAfter();
        driver.advanceWallClockTime(staleAfter.plus(staleAfter.dividedBy(10)));
        assertEquals(Map.of(
                "envaudit_environments{state=stale, team=ml-vision}", 1L,
                "envaudit_open_conflicts{rule=conda-depends, severity=error}", 1L,
                "envaudit_open_conflicts{rule=duplicate-distribution, severity=error}", 1L,
                "envaudit_open_conflicts{rule=keras-tensorflow-same-channel, severity=warning}", 1L), counts(),
                "stale counts as stale, not drifted, while its conflicts stay open");

        driver.advanceWallClockTime(AuditSettings.DEFAULTS.retireAfter());
        assertEquals(Map.of(), counts(), "a retired environment leaves nothing behind");
    }

    @Test
    void aWaiverMovedToAnotherRuleOpensTheFirstRulesAlertsAgain() {
        snapshots.pipeInput(environmentId, seed);
        alerts.readValuesToList();
        Waiver waiver = keepsAnacondaKeras("2030-01-01");
        rules.pipeInput(waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", T0));
        assertEquals(AlertState.WAIVED, alerts.readValue().getState());
        Waiver moved = TestRules.load("waivers.yaml", """
                waivers:
                  - id: vision-keeps-anaconda-keras
                    rule: keras-tensorflow-same-channel
                    reason: The vision team pins keras from anaconda until the port lands.
                    owner: vision@example.org
                    expires: 2030-01-01
                """).waivers().get(0);
        rules.pipeInput(moved.id(), RuleRecords.of(moved, "user", "waivers.yaml", T0));
        Map<String, AlertState> byRule = new java.util.TreeMap<>();
        alerts.readValuesToList().forEach(a -> byRule.put(a.getRuleId(), a.getState()));
        assertEquals(Map.of("anaconda-channel-mixed", AlertState.OPEN, "keras-tensorflow-same-channel", AlertState.WAIVED), byRule);
    }

    /** The registry's samples, by series as Prometheus shows them. */
    private Map<String, Double> metrics() {
        return MetricsText.samples(registry.scrape());
    }

    private double metric(String series) {
        Double value = metrics().get(series);
        if (value == null) {
            throw new AssertionError(series + " is not in the scrape: " + metrics().keySet());
        }
        return value;
    }

    @Test
    void snapshotsAreCountedByKindAndTheirLatencyMeasuredFromCollectionToAudit() {
        snapshots.pipeInput(environmentId, collectedAt(seed, T0.minus(Duration.ofSeconds(90))));
        driver.advanceWallClockTime(Duration.ofHours(1));
        snapshots.pipeInput(environmentId, collectedAt(seed, T0.plus(Duration.ofMinutes(10))));
        snapshots.pipeInput(environmentId, collectedAt(seed, T0.minus(Duration.ofHours(2))));
        String ahead = "ws-clock-ahead//opt/conda/envs/tf210";
        snapshots.pipeInput(ahead, EnvironmentSnapshot.newBuilder(seed).setCollectedAt(T0.plus(Duration.ofHours(2)))
                .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(ahead).build()).build());
        snapshots.pipeInput(new TestRecord<>(ahead, null, T0.plus(Duration.ofHours(1))));

        assertEquals(2.0, metric("envaudit_snapshots_audited_total{kind=\"content\"}"));
        assertEquals(1.0, metric("envaudit_snapshots_audited_total{kind=\"heartbeat\"}"));
        assertEquals(1.0, metric("envaudit_snapshots_audited_total{kind=\"late\"}"));
        assertEquals(1.0, metric("envaudit_snapshots_audited_total{kind=\"deletion\"}"));
        // 90 s for the first, 50 min for the heartbeat, and 0 for the agent whose clock is two hours ahead
        assertEquals(3.0, metric("envaudit_audit_latency_seconds_count"), "late snapshots and deletions are not audits");
        assertEquals(90.0 + 50 * 60, metric("envaudit_audit_latency_seconds_sum"), 1e-6);
        assertEquals(1.0, metric("envaudit_audit_latency_seconds_bucket{le=\"1.0\"}"), "the clamped one");
        assertEquals(1.0, metric("envaudit_audit_latency_seconds_bucket{le=\"60.0\"}"));
        assertEquals(2.0, metric("envaudit_audit_latency_seconds_bucket{le=\"300.0\"}"));
        assertEquals(2.0, metric("envaudit_audit_latency_seconds_bucket{le=\"1800.0\"}"));
        assertEquals(3.0, metric("envaudit_audit_latency_seconds_bucket{le=\"3600.0\"}"));
        assertEquals(3.0, metric("envaudit_audit_latency_seconds_bucket{le=\"+Inf\"}"));
    }

    @Test
    void alertsAreCountedOpenedBySeverityAndResolvedByReasonWhicheverPathSendsThem() {
        snapshots.pipeInput(environmentId, seed);
        assertEquals(2.0, metric("envaudit_alerts_opened_total{severity=\"error\"}"));
        assertEquals(2.0, metric("envaudit_alerts_opened_total{severity=\"warning\"}"));

        Waiver waiver = keepsAnacondaKeras("2030-01-01");
        rules.pipeInput(waiver.id(), RuleRecords.of(waiver, "user", "waivers.yaml", T0));
        assertEquals(1.0, metric("envaudit_alerts_resolved_total{reason=\"waived\"}"), "a re-audit waives one");
        rules.pipeInput(waiver.id(), (CompatibilityRule) null);
        assertEquals(3.0, metric("envaudit_alerts_opened_total{severity=\"warning\"}"), "and opens it again when the waiver goes");

        EnvironmentSnapshot fixed = EnvironmentSnapshot.newBuilder(seed)
                .setCollectedAt(seed.getCollectedAt().plus(Duration.ofMinutes(10)))
                .setPackages(seed.getPackages().stream()
                        .filter(p -> !(p.getName().equals("protobuf") && p.getInstaller().name().equals("PIP"))).toList())
                .build();
        snapshots.pipeInput(environmentId, fixed);
        assertEquals(1.0, metric("envaudit_alerts_resolved_total{reason=\"fixed\"}"));

        Rule numpy = TestRules.numpyFloor();
        rules.pipeInput(numpy.id(), RuleRecords.of(numpy, "policy.yaml", T0));
        assertEquals(6.0, metrics().entrySet().stream().filter(e -> e.getKey().startsWith("envaudit_alerts_opened_total"))
                .mapToDouble(Map.Entry::getValue).sum(), "five before, and one of the new rule");
        rules.pipeInput(numpy.id(), (CompatibilityRule) null);
        assertEquals(1.0, metric("envaudit_alerts_resolved_total{reason=\"rule-deleted\"}"));

        snapshots.pipeInput(new TestRecord<>(environmentId, null, T0.plus(Duration.ofHours(1))));
        assertEquals(3.0, metric("envaudit_alerts_resolved_total{reason=\"environment-deleted\"}"), "the three still open");

        snapshots.pipeInput(environmentId, collectedAt(seed, T0.plus(Duration.ofDays(1))));
        driver.advanceWallClockTime(AuditSettings.DEFAULTS.retireAfter().plus(Duration.ofDays(2)));
        assertEquals(4.0, metric("envaudit_alerts_resolved_total{reason=\"retired\"}"), "the sweep retires the environment");
        assertEquals(0.0, metric("envaudit_alerts_opened_total{severity=\"critical\"}"), "every severity is there from the start");
    }

    @Test
    void deadLettersAreCountedByReasonAndARefusedRuleAsRejected() {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.snapshots().name(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput(environmentId, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        Rule numpy = TestRules.numpyFloor();
        published.pipeInput(numpy.id(), CompatibilityRule.newBuilder(RuleRecords.of(numpy, "policy.yaml", T0))
                .setYaml("id: org.numpy-floor\nseverity: eror\n").build());

        assertEquals(1.0, metric("envaudit_dead_letters_total{reason=\"BAD_HEADER\"}"));
        assertEquals(1.0, metric("envaudit_dead_letters_total{reason=\"INVALID_RULE\"}"));
        assertEquals(0.0, metric("envaudit_dead_letters_total{reason=\"UNKNOWN_SCHEMA\"}"));
        assertEquals(1.0, metric("envaudit_rules_rejected_total"));
    }

    private static final List<String> STORES = List.of(AuditProcessor.RULES, AuditProcessor.ENVIRONMENTS, AuditProcessor.STATUSES,
            AuditProcessor.STANDING, AuditProcessor.REAUDITS, AuditProcessor.COUNTS);

    /** Every store's entries, as a restarted auditor finds them (a driver deletes its state directory when it closes). */
    private Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> state = new java.util.HashMap<>();
        for (String name : STORES) {
            Map<String, Object> entries = new java.util.HashMap<>();
            try (var it = driver.<String, Object>getKeyValueStore(name).all()) {
                it.forEachRemaining(entry -> entries.put(entry.key, entry.value));
            }
            state.put(name, entries);
        }
        return state;
    }

    /** A new driver's stores given {@code state} before its task does anything: what a restart on that state directory would find. */
    private void restartWith(AuditSettings settings, Map<String, Map<String, Object>> state, Path dir) throws IOException {
        driver.close();
        start(settings, dir);
        state.forEach((name, entries) -> entries.forEach((key, value) -> driver.<String, Object>getKeyValueStore(name).put(key, value)));
    }

    @Test
    void anAuditorRestartedWithAnotherDriftThresholdRebuildsItsCountsFromTheStatuses(@TempDir Path restarted) throws IOException {
        snapshots.pipeInput(environmentId, seed); // errors and warnings: drifted from warning up
        assertEquals(1L, counts().get("envaudit_environments{state=drifted, team=ml-vision}"));
        restartWith(AuditSettings.DEFAULTS.withDriftThreshold(Severity.CRITICAL), state(), restarted);
        assertEquals(1L, counts().get("envaudit_environments{state=drifted, team=ml-vision}"), "as the first auditor left them");
        driver.advanceWallClockTime(AuditProcessor.REAUDIT_INTERVAL); // the task's first punctuation
        EnvironmentStatus restated = status.readValue();
        assertEquals(EnvironmentState.COMPLIANT, restated.getState(), "nothing critical is open");
        assertEquals(2, restated.getOpenError(), "the counts by severity stay");
        assertEquals(Map.of(
                "envaudit_environments{state=compliant, team=ml-vision}", 1L,
                "envaudit_open_conflicts{rule=conda-depends, severity=error}", 1L,
                "envaudit_open_conflicts{rule=duplicate-distribution, severity=error}", 1L,
                "envaudit_open_conflicts{rule=anaconda-channel-mixed, severity=warning}", 1L,
                "envaudit_open_conflicts{rule=keras-tensorflow-same-channel, severity=warning}", 1L), counts(),
                "no drifted series left from the old threshold");
        driver.advanceWallClockTime(AuditProcessor.REAUDIT_INTERVAL);
        assertTrue(status.isEmpty(), "rebuilt once");

        restartWith(AuditSettings.DEFAULTS.withDriftThreshold(Severity.ERROR), state(), restarted.resolve("again"));
        snapshots.pipeInput(environmentId, collectedAt(seed, T0.plus(Duration.ofMinutes(1)))); // a heartbeat: the first record
        assertEquals(EnvironmentState.DRIFTED, status.readValue().getState());
        assertEquals(1L, counts().get("envaudit_drifted_environments{severity=error, team=ml-vision}"));
        assertEquals(1L, counts().get("envaudit_drifted_environments_by_rule{rule=conda-depends, team=ml-vision}"));
        assertNull(counts().get("envaudit_drifted_environments_by_rule{rule=anaconda-channel-mixed, team=ml-vision}"),
                "a warning does not make it drifted at threshold error");
    }
}
