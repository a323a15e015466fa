package io.envaudit.cli;

import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's day, all through the jar, against a broker of the test's own: {@code envaudit run} starts
 * the auditor on it, {@code rules publish --default-pack} gives it the pack, the seed sample is audited; a
 * rule published from a file opens an alert, {@code rules list} shows it, {@code rules delete} resolves
 * it, and SIGTERM stops the auditor cleanly.
 */
class EnvauditRunIT {
    private static final EnvauditJar ENVAUDIT = new EnvauditJar(Path.of("target", "envaudit.jar"));
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** How many rules the default pack publishes. */
    private static final int PACK_RULES = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules().size();

    @TempDir
    static Path root;

    private static EmbeddedKafka kafka;
    private static SchemaRegistryTopic registry;
    private static EnvauditTopics topics;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root));
        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX),
                SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
        topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    private static CommandResult envaudit(String... args) throws Exception {
        List<String> withBroker = new ArrayList<>(List.of(args));
        withBroker.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        return ENVAUDIT.run("", withBroker.toArray(String[]::new));
    }

    /** The alerts of the topic, from its start, read committed. */
    private static final class Alerts implements AutoCloseable {
        private final KafkaConsumer<String, ConflictAlert> consumer;
        private final List<ConflictAlert> seen = new ArrayList<>();

        Alerts() {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "envaudit-run-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    topics.alerts().keySerde().deserializer(), topics.alerts().valueSerde().deserializer());
            consumer.subscribe(List.of(topics.alerts().name()));
        }

        /** Every alert so far, once the condition holds on them or the wait is over. */
        List<ConflictAlert> until(Predicate<List<ConflictAlert>> condition) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!condition.test(seen) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static List<ConflictAlert> of(List<ConflictAlert> alerts, String ruleId, AlertState state) {
        return alerts.stream().filter(a -> a.getRuleId().equals(ruleId) && a.getState() == state).toList();
    }

    @Test
    void runAuditsWithThePublishedPackAndRulesPublishedAndDeletedOpenAndResolveAlerts() throws Exception {
        EnvauditJar.Running auditor = ENVAUDIT.start("run", "--bootstrap-servers", kafka.bootstrapServers(),
                "--state-dir", root.resolve("streams").toString(), "--metrics-address", "127.0.0.1:0");
        try (Alerts alerts = new Alerts()) {
            List<String> started = auditor.await(lines -> lines.stream().anyMatch(l -> l.startsWith("Auditor running")));
            assertTrue(started.get(0).matches("Metrics on http://127\\.0\\.0\\.1:\\d+/metrics"), started.get(0));
            assertEquals(List.of("Auditor running (application id envaudit) on " + kafka.bootstrapServers() + "; alerts on envaudit.alerts"),
                    started.subList(1, started.size()), "one line once running");

            CommandResult pack = envaudit("rules", "publish", "--default-pack");
            assertEquals(0, pack.exitCode(), pack.out() + pack.err());
            assertEquals("envaudit.rules: " + PACK_RULES + " added", pack.lines().get(pack.lines().size() - 1));

            EnvironmentSnapshot seed;
            try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
                seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
            }
            String environment = seed.getEnvironment().getId();
            try (KafkaProducer<String, EnvironmentSnapshot> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    topics.snapshots().keySerde().serializer(), topics.snapshots().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.snapshots().name(), environment, seed)).get();
            }
            Set<String> offline = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet(), BuiltInChecks.all())
                    .audit(EnvironmentView.of(seed), Instant.now()).open().stream()
                    .map(conflict -> conflict.ruleId() + " " + conflict.subject()).collect(Collectors.toSet());
            assertEquals(4, offline.size(), "the seed sample's four conflicts, as envaudit audit finds them");
            List<ConflictAlert> audited = alerts.until(a -> a.size() >= 4);
            assertEquals(offline, audited.stream().filter(a -> a.getState() == AlertState.OPEN && a.getEnvironmentId().equals(environment))
                    .map(a -> a.getRuleId() + " " + a.getSubject()).collect(Collectors.toSet()), "the stream finds what the audit finds");

            Path floor = root.resolve("numpy-floor.yaml");
            Files.writeString(floor, """
                    rules:
                      - id: org.numpy-floor
                        description: The organisation needs numpy 1.24 or later.
                        source: https://example.org/policy
                        severity: error
                        require: [numpy>=1.24]
                        fix: pip install 'numpy>=1.24'
                    """);
            CommandResult published = envaudit("rules", "publish", floor.toString());
            assertEquals(0, published.exitCode(), published.out() + published.err());
            assertEquals(List.of("added     org.numpy-floor", "envaudit.rules: 1 added"), published.lines());
            List<ConflictAlert> opened = of(alerts.until(a -> !of(a, "org.numpy-floor", AlertState.OPEN).isEmpty()), "org.numpy-floor", AlertState.OPEN);
            assertEquals(List.of(environment), opened.stream().map(ConflictAlert::getEnvironmentId).toList(), "the new rule audits the sample");

            CommandResult listed = envaudit("rules", "list");
            assertEquals(0, listed.exitCode(), listed.err());
            assertEquals(1 + PACK_RULES + 1, listed.lines().size(), "a header, the pack and the new rule: " + listed.out());
            String row = listed.lines().stream().filter(l -> l.startsWith("org.numpy-floor ")).findFirst().orElseThrow();
            assertEquals(List.of("org.numpy-floor", "rule", "error", "user"), List.of(row.split(" +")).subList(0, 4), row);
            assertTrue(row.endsWith(" " + floor), row);

            CommandResult deleted = envaudit("rules", "delete", "org.numpy-floor");
            assertEquals(0, deleted.exitCode(), deleted.out() + deleted.err());
            assertEquals(List.of("deleted   org.numpy-floor", "envaudit.rules: 1 deleted"), deleted.lines());
            List<ConflictAlert> resolved = of(alerts.until(a -> !of(a, "org.numpy-floor", AlertState.RESOLVED).isEmpty()),
                    "org.numpy-floor", AlertState.RESOLVED);
            assertEquals(List.of(AlertLifecycle.RULE_DELETED), resolved.stream().map(ConflictAlert::getReason).toList());
            assertFalse(envaudit("rules", "list").out().contains("org.numpy-floor"), "no longer listed");

            CommandResult stopped = auditor.stop();
            assertEquals(0, stopped.exitCode(), stopped.out() + stopped.err());
            List<String> expectedLines = new java.util.ArrayList<>(started);
            expectedLines.addAll(List.of("stopping ...", "Auditor stopped"));
            assertEquals(expectedLines, stopped.lines());
        } finally {
            auditor.kill();
        }
    }
}
