package io.envaudit.streams.audit;

import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.Severity;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.status.StatusServer;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.metrics.AuditorMeters;
import io.envaudit.streams.metrics.AuditorMetrics;
import io.envaudit.streams.metrics.MetricsText;
import io.envaudit.streams.metrics.AuditorStatus;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterEach;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auditor as operators run it, on the real broker with 4 partitions and exactly-once: restarted on
 * an empty state directory it restores its state from the changelogs and sends no alert twice; two
 * instances with one application id share the partitions, and when one stops the other takes its work.
 * Each test has its own topic prefix and application id.
 */
class AuditorInstancesIT {
    private static final int PARTITIONS = 4;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    /** The instances' state dirs. */
    @TempDir
    static Path root;

    private static EnvironmentSnapshot seed;
    private final List<KafkaStreams> running = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    /** Each instance's registry, which its topology counts in. */
    private final Map<KafkaStreams, PrometheusMeterRegistry> registries = new HashMap<>();

    @BeforeAll
    static void readSeed() throws Exception {
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
    }

    @AfterEach
    void stopAuditors() throws Exception {
        running.forEach(streams -> StreamingAuditor.stop(streams, Duration.ofSeconds(30)));
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** The topics under their own prefix, created as the auditor needs them, with the default pack published. */
    private EnvauditTopics topics(String prefix) throws Exception {
        String schemas = SchemaRegistryTopic.topicName(prefix);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
            SchemaRegistryTopic registry = SchemaRegistryTopic.connect(kafka.clientConfig(), schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
            closing.add(registry);
            EnvauditTopics topics = new EnvauditTopics(prefix, registry);
            provisioner.ensure(topics.all(), PARTITIONS, Optional.empty());
            publishRules(topics, DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules());
            return topics;
        }
    }

    private KafkaStreams startAuditor(EnvauditTopics topics, String applicationId, Path stateDir) {
        PrometheusMeterRegistry registry = AuditorMetrics.registry();
        closing.add(registry::close);
        KafkaStreams streams = StreamingAuditor.create(topics, AuditSettings.DEFAULTS, StreamingAuditor.config(applicationId, stateDir, topics,
                new AuditorMeters(registry),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100)));
        registries.put(streams, registry);
        running.add(streams);
        streams.start();
        return streams;
    }

    private void publishRules(EnvauditTopics topics, List<Rule> rules) throws Exception {
        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics, topics.rules().valueSerde())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            rules.forEach(rule -> sent.add(producer.send(new ProducerRecord<>(topics.rules().name(), rule.id(), RuleRecords.of(rule, "test", Instant.now())))));
            for (Future<RecordMetadata> send : sent) {
                send.get(); // a rule the broker did not take fails here, not as a count short later
            }
        }
    }

    private void publish(EnvauditTopics topics, List<EnvironmentSnapshot> snapshots) throws Exception {
        try (KafkaProducer<String, EnvironmentSnapshot> producer = producer(topics, topics.snapshots().valueSerde())) {
            for (EnvironmentSnapshot snapshot : snapshots) {
                producer.send(new ProducerRecord<>(topics.snapshots().name(), snapshot.getEnvironment().getId(), snapshot)).get();
            }
        }
    }

    private <V> KafkaProducer<String, V> producer(EnvauditTopics topics, Serde<V> values) {
        return kafka.producer(topics.snapshots().keySerde().serializer(), values.serializer());
    }

    private static List<EnvironmentSnapshot> fleet(int size, Instant collectedAt) {
        List<EnvironmentSnapshot> fleet = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "ws-" + i + "//opt/conda/envs/tf210";
            fleet.add(EnvironmentSnapshot.newBuilder(seed).setCollectedAt(collectedAt)
                    .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build());
        }
        return fleet;
    }

    /**
     * Every committed alert from the start, read until {@code done} holds and then for {@code settle}
     * longer, so that an alert sent twice would be read too.
     */
    private List<ConsumerRecord<String, ConflictAlert>> alerts(EnvauditTopics topics, Predicate<List<ConsumerRecord<String, ConflictAlert>>> done,
                                                               Duration settle) {
        long[] doneAt = {0};
        return kafka.readUntil(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer(), read -> {
                    if (doneAt[0] == 0 && done.test(read)) {
                        doneAt[0] = System.nanoTime();
                    }
                    return doneAt[0] != 0 && System.nanoTime() - doneAt[0] >= settle.toNanos();
                });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Set<TopicPartition> snapshotPartitions(KafkaStreams streams, EnvauditTopics topics) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(tp -> tp.topic().equals(topics.snapshots().name())).forEach(partitions::add);
            }
        }
        return partitions;
    }

    @Test
    void aRestartOnAnEmptyStateDirectoryRestoresFromTheChangelogsAndSendsNoAlertTwice() throws Exception {
        EnvauditTopics topics = topics("restart.");
        Instant t0 = Instant.parse("2026-11-30T09:00:00Z");
        KafkaStreams first = startAuditor(topics, "restart", root.resolve("restart-state-1"));
        publish(topics, fleet(4, t0));
        assertEquals(16, alerts(topics, a -> a.size() >= 16, Duration.ZERO).size());
        StreamingAuditor.stop(first, Duration.ofSeconds(30));

        startAuditor(topics, "restart", root.resolve("restart-state-2"));
        // the same content again, later: the restored state knows it, so nothing is sent
        publish(topics, fleet(4, t0.plus(Duration.ofMinutes(5))));
        // then one environment fixes its duplicate protobuf: exactly one alert resolves
        EnvironmentSnapshot fixed = fleet(1, t0.plus(Duration.ofMinutes(10))).get(0);
        publish(topics, List.of(EnvironmentSnapshot.newBuilder(fixed)
                .setPackages(fixed.getPackages().stream()
                        .filter(p -> !(p.getName().equals("protobuf") && p.getInstaller().name().equals("PIP"))).toList()).build()));
        List<ConsumerRecord<String, ConflictAlert>> all = alerts(topics, a -> a.size() >= 17, Duration.ofSeconds(2));
        assertEquals(17, all.size(), "16 opened before the restart, one resolved after it, nothing repeated");
        ConflictAlert last = all.get(all.size() - 1).value();
        assertEquals(AlertState.RESOLVED, last.getState());
        assertEquals("duplicate-distribution", last.getRuleId());
        assertEquals(16, all.stream().map(ConsumerRecord::key).distinct().count());
    }

    @Test
    void twoInstancesShareThePartitionsAndOneTakesOverWhenTheOtherStops() throws Exception {
        EnvauditTopics topics = topics("pair.");
        KafkaStreams one = startAuditor(topics, "pair", root.resolve("pair-state-1"));
        KafkaStreams two = startAuditor(topics, "pair", root.resolve("pair-state-2"));
        await("both instances running with work", () -> one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING
                && !snapshotPartitions(one, topics).isEmpty() && !snapshotPartitions(two, topics).isEmpty()
                && snapshotPartitions(one, topics).size() + snapshotPartitions(two, topics).size() == PARTITIONS);
        Set<TopicPartition> ofOne = snapshotPartitions(one, topics);
        Set<TopicPartition> ofTwo = snapshotPartitions(two, topics);
        assertTrue(ofOne.stream().noneMatch(ofTwo::contains), ofOne + " and " + ofTwo + " overlap");

        publish(topics, fleet(8, Instant.parse("2026-11-30T09:00:00Z")));
        List<ConsumerRecord<String, ConflictAlert>> opened = alerts(topics, a -> a.size() >= 32, Duration.ofSeconds(1));
        assertEquals(32, opened.size(), "each of the 8 environments audited once, by one of the two");
        assertEquals(32, opened.stream().map(ConsumerRecord::key).distinct().count());

        StreamingAuditor.stop(two, Duration.ofSeconds(30));
        await("the remaining instance owns every partition", () -> one.state() == KafkaStreams.State.RUNNING
                && snapshotPartitions(one, topics).size() == PARTITIONS);
        Rule floor = TestRules.numpyFloor();
        publishRules(topics, List.of(floor));
        List<ConsumerRecord<String, ConflictAlert>> after = alerts(topics,
                a -> a.stream().filter(r -> r.value().getRuleId().equals(floor.id())).count() >= 8, Duration.ofSeconds(1));
        Set<String> reached = new HashSet<>();
        after.stream().filter(r -> r.value().getRuleId().equals(floor.id())).forEach(r -> reached.add(r.value().getEnvironmentId()));
        assertEquals(8, reached.size(), "the new rule reached the environments the stopped instance had audited");
        assertFalse(after.stream().anyMatch(r -> r.value().getRuleId().equals(floor.id()) && r.value().getState() != AlertState.OPEN));
        assertEquals(40, after.size(), "and nothing else was sent again");
    }

    /** {@code envaudit_environments} by state, summed over the instances' {@code /metrics}. */
    private static Map<String, Long> environmentsByState(List<StatusServer> servers) throws Exception {
        Map<String, Long> byState = new java.util.TreeMap<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (StatusServer server : servers) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^envaudit_environments\\{state=\"(\\w+)\",team=\"[^\"]*\"} ([0-9.]+)$").matcher(line);
                if (m.matches()) {
                    byState.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
        }
        return byState;
    }

    private static boolean ready(StatusServer server) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The instance's {@code /metrics}, {@code /health} and {@code /ready} on a free port. */
    private StatusServer serve(EnvauditTopics topics, KafkaStreams streams) throws java.io.IOException {
        AuditorMetrics metrics = new AuditorMetrics(registries.get(streams), streams, topics.snapshots().name());
        StatusServer server = StatusServer.start(new java.net.InetSocketAddress("127.0.0.1", 0), metrics::scrape,
                AuditorStatus.health(streams), AuditorStatus.ready(streams, metrics));
        closing.add(metrics);
        closing.add(server);
        return server;
    }

    private static Map<String, Double> scrape(StatusServer server) {
        try {
            return MetricsText.samples(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneInstanceServesEveryMetricOfTheContractOverHttp() throws Exception {
        EnvauditTopics topics = topics("contract.");
        KafkaStreams streams = startAuditor(topics, "contract", root.resolve("contract-state"));
        StatusServer server = serve(topics, streams);
        await("ready", () -> ready(server));
        // the pack's rules before the fleet: an environment deleted before a rule arrives never gets that rule's alerts,
        // and the expectations below are what the whole pack opens (the pack's rules took longer than the fleet)
        int packSize = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules().size();
        await("the rules loaded", () -> Double.valueOf(packSize).equals(scrape(server).get("envaudit_rules_loaded")));

        Instant t0 = Instant.now().minus(Duration.ofMinutes(1)); // collected a minute ago, by the wall clock
        publish(topics, fleet(2, t0));
        publish(topics, fleet(1, t0.plus(Duration.ofSeconds(30))));
        publish(topics, fleet(1, t0.minus(Duration.ofHours(1))));
        try (KafkaProducer<String, EnvironmentSnapshot> producer = producer(topics, topics.snapshots().valueSerde())) {
            producer.send(new ProducerRecord<>(topics.snapshots().name(), fleet(2, t0).get(1).getEnvironment().getId(), null)).get();
        }
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.snapshots().name(), "ws-9//opt/conda", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        Rule floor = TestRules.numpyFloor();
        try (KafkaProducer<String, CompatibilityRule> producer = producer(topics, topics.rules().valueSerde())) {
            producer.send(new ProducerRecord<>(topics.rules().name(), floor.id(), CompatibilityRule.newBuilder(RuleRecords.of(floor, "test", t0))
                    .setYaml("id: org.numpy-floor\nseverity: eror\n").build())).get();
        }
        // the alerts the two environments open, and those the deleted one's tombstone resolves, by the engine the auditor runs
        Auditor engine = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), t0).ruleSet(), BuiltInChecks.all());
        List<Conflict> kept = engine.audit(EnvironmentView.of(fleet(2, t0).get(0)), Instant.now()).open();
        List<Conflict> deleted = engine.audit(EnvironmentView.of(fleet(2, t0).get(1)), Instant.now()).open();
        ToDoubleFunction<Severity> opened = severity -> Stream.concat(kept.stream(), deleted.stream())
                .filter(c -> c.severity() == severity).count();

        Map<String, Double> expected = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("envaudit_snapshots_audited_total{kind=\"content\"}", 2.0),
                Map.entry("envaudit_snapshots_audited_total{kind=\"heartbeat\"}", 1.0),
                Map.entry("envaudit_snapshots_audited_total{kind=\"late\"}", 1.0),
                Map.entry("envaudit_snapshots_audited_total{kind=\"deletion\"}", 1.0),
                Map.entry("envaudit_dead_letters_total{reason=\"BAD_HEADER\"}", 1.0),
                Map.entry("envaudit_dead_letters_total{reason=\"INVALID_RULE\"}", 1.0),
                Map.entry("envaudit_dead_letters_total{reason=\"UNKNOWN_SCHEMA\"}", 0.0),
                Map.entry("envaudit_alerts_opened_total{severity=\"error\"}", opened.applyAsDouble(Severity.ERROR)),
                Map.entry("envaudit_alerts_opened_total{severity=\"warning\"}", opened.applyAsDouble(Severity.WARNING)),
                Map.entry("envaudit_alerts_resolved_total{reason=\"environment-deleted\"}", (double) deleted.size()),
                Map.entry("envaudit_alerts_resolved_total{reason=\"fixed\"}", 0.0),
                Map.entry("envaudit_rules_rejected_total", 1.0),
                Map.entry("envaudit_rules_loaded", (double) packSize),
                Map.entry("envaudit_audit_latency_seconds_count", 3.0),
                Map.entry("envaudit_environments{state=\"drifted\",team=\"ml-vision\"}", 1.0),
                Map.entry("envaudit_drifted_environments{severity=\"error\",team=\"ml-vision\"}", 1.0),
                Map.entry("envaudit_drifted_environments_by_rule{rule=\"conda-depends\",team=\"ml-vision\"}", 1.0),
                Map.entry("envaudit_open_conflicts{rule=\"conda-depends\",severity=\"error\"}", 1.0),
                Map.entry("envaudit_count_partitions{state=\"owned\"}", (double) PARTITIONS),
                Map.entry("envaudit_count_partitions{state=\"unavailable\"}", 0.0)));
        Map<String, Double>[] last = new Map[1];
        try {
            await("the scrape shows what was sent", () -> {
                last[0] = scrape(server);
                return expected.entrySet().stream().allMatch(e -> e.getValue().equals(last[0].get(e.getKey())));
            });
        } catch (AssertionError e) {
            Map<String, Double> seen = new java.util.TreeMap<>();
            expected.keySet().forEach(key -> seen.put(key, last[0].get(key)));
            assertEquals(expected, seen);
        }
        Map<String, Double> scraped = last[0];
        // two content snapshots a minute old and a heartbeat 30 s old, audited within a few minutes of that
        double latency = scraped.get("envaudit_audit_latency_seconds_sum");
        assertTrue(latency >= 150 && latency < 600, "latency sum " + latency);
        assertEquals(0.0, scraped.get("envaudit_audit_latency_seconds_bucket{le=\"15.0\"}"));
        assertEquals(3.0, scraped.get("envaudit_audit_latency_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(scraped.keySet().stream().anyMatch(k -> k.startsWith("kafka_stream_")), "Kafka Streams' own metrics");
        assertTrue(scraped.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")), "the JVM's");
    }

    @Test
    void theGaugesOfAllInstancesAddUpToTheFleetAlsoAfterOneStops() throws Exception {
        EnvauditTopics topics = topics("gauges.");
        KafkaStreams one = startAuditor(topics, "gauges", root.resolve("gauges-state-1"));
        KafkaStreams two = startAuditor(topics, "gauges", root.resolve("gauges-state-2"));
        List<StatusServer> servers = new ArrayList<>();
        for (KafkaStreams streams : List.of(one, two)) {
            servers.add(serve(topics, streams));
        }
        await("both instances ready with work", () -> servers.stream().allMatch(AuditorInstancesIT::ready)
                && !snapshotPartitions(one, topics).isEmpty() && !snapshotPartitions(two, topics).isEmpty());

        List<EnvironmentSnapshot> fleet = new ArrayList<>(fleet(6, Instant.parse("2026-11-30T09:00:00Z")));
        for (int i = 0; i < 3; i++) { // three healthy ones: the seed without anything the rules object to
            String id = "ok-" + i + "//opt/venv";
            fleet.add(EnvironmentSnapshot.newBuilder(seed).setCollectedAt(Instant.parse("2026-11-30T09:00:00Z"))
                    .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build())
                    .setPackages(seed.getPackages().stream().filter(p -> p.getName().equals("python")).toList()).build());
        }
        publish(topics, fleet);
        Map<String, Long> expected = Map.of("compliant", 3L, "drifted", 6L);
        await("the summed gauges show the fleet", () -> {
            try {
                return expected.equals(environmentsByState(servers));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        StreamingAuditor.stop(two, Duration.ofSeconds(30));
        await("the remaining instance reports the whole fleet", () -> {
            try {
                return ready(servers.get(0)) && snapshotPartitions(one, topics).size() == PARTITIONS
                        && expected.equals(environmentsByState(servers.subList(0, 1)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
