package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.alerts.AlertLifecycle;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.streams.audit.AuditCounters.SnapshotKind;
import io.envaudit.streams.dlq.DeadLetterReason;
import io.envaudit.streams.metrics.AuditorMeters;
import io.envaudit.streams.rules.RuleCheck.InvalidRuleException;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.wire.UndecodableRecordException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard of deploy/grafana, proven on real parts: {@code envaudit up} from the jar runs the auditor, a
 * real Prometheus scrapes it every second with the recording rules of deploy/prometheus loaded, and the test publishes
 * the sample fleet to it, with one environment last seen ten days ago (which turns stale) and records that move every
 * counter: an environment published then deleted, a heartbeat, a late snapshot, a record that is not Avro and a rule
 * that does not load; {@code up --routes} routes the alerts to two real webhook receivers ({@link RouterPanels}). Every
 * query of every panel, with the dashboard's variables set to each of their values, is evaluated through Prometheus's
 * HTTP API and compared with what the engine says of that fleet and of those records, and the router's panels with
 * what the receivers got.
 */
@Tag("embedded-only") // up starts its own embedded broker
class DashboardPrometheusIT {
    private static final EnvauditJar ENVAUDIT = new EnvauditJar(Path.of("target", "envaudit.jar"));
    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final String ALL = ".*"; // the dashboard's allValue for both variables
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final int UP_PARTITIONS = 4; // up creates the snapshot topic with its default partition count
    private static final String AUDITOR_JOB = "envaudit-auditor"; // the job the recording rules and alerts name

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An environment of the seed's content on a host last seen ten days ago: past the 3-day stale TTL of up. */
    private static EnvironmentSnapshot silentForTenDays(Instant now) {
        return seedOn("ws-99", Map.of("team", "research"), now.minus(Duration.ofDays(10)));
    }

    /** An environment of the seed's content, just collected on a host of the seed's team: it is deleted once its alerts are open. */
    private static EnvironmentSnapshot deletedOnceAudited(Instant now) {
        return seedOn("ws-98", SampleEnvironments.read(SampleEnvironments.SEED).getHost().getLabels(), now);
    }

    private static EnvironmentSnapshot seedOn(String hostId, Map<String, String> labels, Instant collectedAt) {
        EnvironmentSnapshot seed = SampleEnvironments.read(SampleEnvironments.SEED);
        return EnvironmentSnapshot.newBuilder(seed)
                .setHost(Host.newBuilder(seed.getHost()).setId(hostId).setHostname(hostId).setLabels(labels).build())
                .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(hostId + "/" + seed.getEnvironment().getPrefix()).build())
                .setCollectedAt(collectedAt)
                .build();
    }

    /** A snapshot whose audit latency the histogram records: collected at one time, sent no earlier than another. */
    private record Latency(Instant collectedAt, Instant sentAfter) {
        /** Its latency as the auditor measured it before {@code scraped}: from sending (at least) to then (at most). */
        HistogramQuantileBounds.Observation by(Instant scraped) {
            return new HistogramQuantileBounds.Observation(seconds(collectedAt, sentAfter), seconds(collectedAt, scraped));
        }

        private static double seconds(Instant from, Instant to) {
            return Math.max(0, Duration.between(from, to).toMillis() / 1000.0); // the auditor counts an agent's clock ahead as 0
        }
    }

    /**
     * What the test sent, as the counters count it: the kind of each snapshot record, the latencies of those audited,
     * the open conflicts of the environment deleted, the reason of each dead letter, the rules rejected, and the rules
     * the pack puts in force.
     */
    private record Sent(List<String> snapshotKinds, List<Latency> latencies, List<Conflict> deletedConflicts,
                        List<String> deadLetterReasons, int rulesRejected, int rulesInForce) {
    }

    static Map<Map<String, String>, Double> vector(Map<Map<String, String>, ? extends Number> counts) {
        Map<Map<String, String>, Double> vector = new TreeMap<>(PrometheusServer::compareLabels);
        counts.forEach((labels, n) -> vector.put(labels, n.doubleValue()));
        return vector;
    }

    /** Counts by one label of the environments that pass the filter, as {@code sum by (label)} gives them. */
    private static Map<Map<String, String>, Double> sumBy(String label, List<String> keys) {
        Map<Map<String, String>, Long> counts = new TreeMap<>(PrometheusServer::compareLabels);
        keys.forEach(k -> counts.merge(Map.of(label, k), 1L, Long::sum));
        return vector(counts);
    }

    /** {@code sum by (label)} of a counter with a series for each of {@code values} from the start: each counted, 0 or more. */
    private static Map<Map<String, String>, Double> countsOver(String label, List<String> values, List<String> occurrences) {
        Map<Map<String, String>, Long> counts = new TreeMap<>(PrometheusServer::compareLabels);
        values.forEach(v -> counts.put(Map.of(label, v), occurrences.stream().filter(v::equals).count()));
        return vector(counts);
    }

    /**
     * {@code rate()} over a window of that many seconds, ending on a sample, of counters that started at 0 inside it: no
     * extrapolation, the increase times 1/window (Prometheus multiplies by that factor: n / window can differ in the last bit).
     */
    private static Map<Map<String, String>, Double> perSecond(Map<Map<String, String>, Double> counts, long seconds) {
        Map<Map<String, String>, Double> rates = new TreeMap<>(PrometheusServer::compareLabels);
        double factor = 1.0 / seconds;
        counts.forEach((labels, n) -> rates.put(labels, n * factor));
        return rates;
    }

    private static Map<Map<String, String>, Double> single(double value) {
        return vector(Map.of(Map.of(), value));
    }

    private static boolean matches(String regex, String value) {
        return Pattern.matches(regex, value);
    }

    /**
     * Panel title → the vector its query should return for a team and a severity, from the fleet and what else was sent,
     * with {@code $__rate_interval} a window of {@code windowSeconds} that holds every sample of the run.
     */
    private static Map<String, BiFunction<String, String, Map<Map<String, String>, Double>>> expectedPanels(
            List<FleetExpectation.Environment> fleet, String instance, Sent sent, long windowSeconds) {
        Map<String, BiFunction<String, String, Map<Map<String, String>, Double>>> panels = new LinkedHashMap<>();
        panels.put("Drifted environments", (team, severity) -> single(fleet.stream()
                .filter(e -> matches(team, e.team()) && e.state().equals("drifted")).count()));
        panels.put("Stale environments", (team, severity) -> single(fleet.stream()
                .filter(e -> matches(team, e.team()) && e.state().equals("stale")).count()));
        panels.put("Environments by state", (team, severity) -> sumBy("state", fleet.stream()
                .filter(e -> matches(team, e.team())).map(FleetExpectation.Environment::state).toList()));
        panels.put("Drifted environments by severity", (team, severity) -> sumBy("severity", fleet.stream()
                .filter(e -> e.highestSeverity() != null && matches(team, e.team()) && matches(severity, e.highestSeverity()))
                .map(FleetExpectation.Environment::highestSeverity).toList()));
        panels.put("Drifted environments by team", (team, severity) -> sumBy("team", fleet.stream()
                .filter(e -> e.highestSeverity() != null && matches(team, e.team()) && matches(severity, e.highestSeverity()))
                .map(FleetExpectation.Environment::team).toList()));
        panels.put("Drifted environments by rule", (team, severity) -> sumBy("rule", fleet.stream()
                .filter(e -> matches(team, e.team())).flatMap(e -> e.driftingRules().stream()).toList()));
        panels.put("Top violated rules", (team, severity) -> topTen(sumBy("rule", openConflicts(fleet, severity)
                .map(Conflict::ruleId).toList())));
        panels.put("Open conflicts by severity", (team, severity) -> sumBy("severity", openConflicts(fleet, severity)
                .map(c -> FleetExpectation.lower(c.severity())).toList()));
        panels.put("Snapshot partitions in the counts", (team, severity) -> vector(Map.of(
                Map.of("state", "owned"), UP_PARTITIONS, Map.of("state", "unavailable"), 0)));
        panels.put("Consumer lag", (team, severity) -> noLag(instance));
        // the counters: every series of a known label exists from the start at 0; they carry no team label
        List<Conflict> opened = Stream.concat(fleet.stream().flatMap(e -> e.open().stream()), sent.deletedConflicts().stream()).toList();
        panels.put("Alerts opened by severity", (team, severity) -> countsOver("severity",
                Stream.of(Severity.values()).map(Severity::label).filter(s -> matches(severity, s)).toList(),
                opened.stream().map(c -> c.severity().label()).toList()));
        panels.put("Alerts resolved by reason", (team, severity) -> countsOver("reason", AuditorMeters.RESOLVED_REASONS,
                sent.deletedConflicts().stream().map(c -> AlertLifecycle.ENVIRONMENT_DELETED).toList()));
        panels.put("Snapshots audited by kind", (team, severity) -> perSecond(countsOver("kind",
                Stream.of(SnapshotKind.values()).map(SnapshotKind::label).toList(), sent.snapshotKinds()), windowSeconds));
        panels.put("Dead letters by reason", (team, severity) -> countsOver("reason", DeadLetterReason.all(), sent.deadLetterReasons()));
        panels.put("Rules loaded", (team, severity) -> single(sent.rulesInForce()));
        panels.put("Rules rejected", (team, severity) -> single(sent.rulesRejected()));
        return panels;
    }

    /** Settled: every record read (the restore consumer, which reports NaN, is not a stream thread's). */
    private static Map<Map<String, String>, Double> noLag(String instance) {
        return vector(Map.of(Map.of("instance", instance), 0));
    }

    private static Stream<Conflict> openConflicts(List<FleetExpectation.Environment> fleet, String severity) {
        return fleet.stream().flatMap(e -> e.open().stream()).filter(c -> matches(severity, FleetExpectation.lower(c.severity())));
    }

    /** topk(10, ...): the fleet has fewer violated rules than that, which the test checks, so all of them. */
    private static Map<Map<String, String>, Double> topTen(Map<Map<String, String>, Double> byRule) {
        assertTrue(byRule.size() <= 10, "the sample fleet breaks at most 10 rules, so topk(10) is every one: " + byRule);
        return byRule;
    }

    private static String substitute(String expr, String team, String severity, String rateInterval) {
        String query = expr.replace("$__rate_interval", rateInterval).replace("$team", team).replace("$severity", severity);
        assertFalse(query.contains("$"), "a variable the test does not know: " + query);
        return query;
    }

    private static Path prometheusConfig(Path dir, int metricsPort) throws Exception {
        return Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + DEPLOY.resolve("prometheus/rules/recording.yml"),
                "scrape_configs:",
                "  - job_name: envaudit-auditor", // the job the recording rules and alerts name
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + metricsPort + "']", ""));
    }

    @Test
    void everyPanelOfTheDashboardShowsWhatTheFleetImplies() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/envaudit.json").toFile());
        int metricsPort = freePort();
        int prometheusPort = freePort();
        String instance = "127.0.0.1:" + metricsPort;
        Instant started = Instant.now();
        try (PrometheusServer prometheus = PrometheusServer.start(prometheusConfig(dir, metricsPort), dir.resolve("tsdb"),
                prometheusPort, dir.resolve("prometheus.log")); RouterPanels receivers = RouterPanels.start()) {
            Path data = dir.resolve(".envaudit");
            // the test publishes the sample fleet itself, once Prometheus has scraped the auditor (below)
            EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", instance, "--no-scan",
                    "--no-sample", "--routes", receivers.routesFile(dir).toString());
            try {
                List<String> seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("Auditor started")));
                assertTrue(seen.stream().anyMatch(x -> x.startsWith("Auditor started")), String.join("\n", seen));
                String broker = seen.get(0).substring("Kafka broker up at ".length(), seen.get(0).indexOf(" (data"));

                // Nothing is sent before Prometheus has scraped the pack's rules in force: every counter's first sample is
                // then 0, so that increase() and rate() over the run count all that follows, and every snapshot is audited
                // with the whole pack, so that each of its alerts opens once
                Set<String> checks = Set.copyOf(BuiltInChecks.ids());
                int rulesInForce = DefaultRulePack.load(checks, null).ruleSet().rules().size();
                assertEquals(single(rulesInForce), awaitAnswer(prometheus, "max(envaudit_rules_loaded)", single(rulesInForce)),
                        "the pack's rules in force, as Prometheus scraped them");

                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                EnvironmentSnapshot silent = silentForTenDays(now);
                Path silentFile = dir.resolve("ws-99.json");
                try (Writer out = Files.newBufferedWriter(silentFile, StandardCharsets.UTF_8)) {
                    AvroPlainJson.write(silent, out);
                }
                CommandResult published = CommandResult.inProcess(new EnvauditCommand(), "agent", "publish", "-b", broker,
                        "--from", silentFile.toString());
                assertEquals(0, published.exitCode(), published.out() + published.err());

                List<EnvironmentSnapshot> snapshots = new ArrayList<>();
                SampleEnvironments.resources().forEach(r -> snapshots.add(SampleEnvironments.read(r)));
                snapshots.add(silent);
                List<FleetExpectation.Environment> fleet = FleetExpectation.of(snapshots, Set.of(silent.getEnvironment().getId()), now);
                Sent sent = sendFleetAndMore(broker, prometheus, fleet, silent, now, checks, rulesInForce);

                // settled: Prometheus has scraped the counts of the whole fleet, the stale one included, no lag, and every record
                // sent counted (the sweep marks the silent environment stale within a minute of the auditor's start)
                Map<Map<String, String>, Double> wanted = new TreeMap<>(PrometheusServer::compareLabels);
                for (FleetExpectation.Environment e : fleet) {
                    wanted.merge(Map.of("state", e.state(), "team", e.team()), 1.0, Double::sum);
                }
                Map<String, Map<Map<String, String>, Double>> settled = new LinkedHashMap<>();
                settled.put("sum by (state, team) (envaudit_environments)", wanted);
                settled.put(substitute(panelQuery(dashboard, "Consumer lag"), ALL, ALL, "1m"), noLag(instance));
                settled.put("sum by (kind) (envaudit_snapshots_audited_total)",
                        countsOver("kind", Stream.of(SnapshotKind.values()).map(SnapshotKind::label).toList(), sent.snapshotKinds()));
                settled.put("sum by (reason) (envaudit_dead_letters_total)",
                        countsOver("reason", DeadLetterReason.all(), sent.deadLetterReasons()));
                assertEquals(settled, awaitAnswers(prometheus, settled), "the fleet and the records sent, as Prometheus scraped them");

                // every panel at the latest scrape, $__rate_interval a window holding every sample of the run: a range that ends on
                // a sample and starts before the counters' first, at 0, so increase() and rate() count exactly what happened
                Instant at = prometheus.lastScrape(AUDITOR_JOB);
                long windowSeconds = Duration.between(started, at).toSeconds() + 1;
                String window = windowSeconds + "s";
                Map<String, BiFunction<String, String, Map<Map<String, String>, Double>>> expected =
                        expectedPanels(fleet, instance, sent, windowSeconds);

                Set<String> teams = new TreeSet<>(fleet.stream().map(FleetExpectation.Environment::team).toList());
                Set<String> severities = new TreeSet<>(fleet.stream().map(FleetExpectation.Environment::highestSeverity)
                        .filter(s -> s != null).toList());
                assertEquals(teams, prometheus.labelValues("team", variableMetric(dashboard, "team")), "the team variable's values");
                assertEquals(severities, prometheus.labelValues("severity", variableMetric(dashboard, "severity")),
                        "the severity variable's values");

                RouterPanels.Expectation router = receivers.settle(prometheus, started);

                List<String> titles = new ArrayList<>();
                for (JsonNode panel : dashboard.get("panels")) {
                    if (panel.get("type").asText().equals("row")) {
                        continue; // a row only heads the panels below it
                    }
                    String title = panel.get("title").asText();
                    titles.add(title);
                    for (JsonNode target : panel.get("targets")) {
                        String expr = target.get("expr").asText();
                        if (router.panels().containsKey(title)) {
                            String query = substitute(expr, ALL, ALL, router.window());
                            Map<Map<String, String>, Double> shown = prometheus.query(query, router.at());
                            assertEquals(router.panels().get(title).apply(expr), shown, title + " at " + router.at() + ": " + query);
                            assertFalse(shown.isEmpty(), title + " shows something");
                            continue;
                        }
                        if (title.equals("Audit throughput")) {
                            // every snapshot and rule record went through a stream thread while Prometheus watched
                            Map<Map<String, String>, Double> rate = prometheus.query(substitute(expr, ALL, ALL, window), at);
                            assertEquals(Set.of(Map.of("instance", instance)), rate.keySet(), title);
                            assertTrue(rate.values().iterator().next() > 0, title + ": " + rate);
                            continue;
                        }
                        if (title.equals("Audit latency")) {
                            assertPercentile(prometheus, substitute(expr, ALL, ALL, window), target.get("legendFormat").asText(), at,
                                    sent.latencies());
                            continue;
                        }
                        assertTrue(expected.containsKey(title), "no expectation for the panel " + title);
                        for (String team : with(teams, ALL)) {
                            for (String severity : with(severities, ALL)) {
                                String query = substitute(expr, team, severity, window);
                                assertEquals(expected.get(title).apply(team, severity), prometheus.query(query, at),
                                        title + " with team=" + team + ", severity=" + severity + ": " + query);
                            }
                        }
                        assertFalse(prometheus.query(substitute(expr, ALL, ALL, window), at).isEmpty(), title + " shows something");
                    }
                }
                Set<String> covered = new TreeSet<>(expected.keySet());
                covered.addAll(List.of("Audit throughput", "Audit latency"));
                covered.addAll(router.panels().keySet());
                assertEquals(covered, new TreeSet<>(titles), "every panel has an expectation, and every expectation a panel");

                // the recording rules ran in that Prometheus: the fleet total by state and team is recorded, once a rule
                // evaluation has followed the scrape that settled it (rules are evaluated on their own schedule)
                assertEquals(wanted, awaitAnswer(prometheus, "state_team:envaudit_environments:sum", wanted), "the recorded fleet total");
                CommandResult stopped = up.stop();
                assertEquals(0, stopped.exitCode(), stopped.out() + stopped.err());
            } finally {
                up.kill();
            }
        }
    }

    /**
     * Sends the sample fleet as up publishes it, stamped as just collected, and records that move every counter; returns
     * what the counters should count of them and of {@code silent}, which the agent published after {@code now}.
     */
    private static Sent sendFleetAndMore(String broker, PrometheusServer prometheus, List<FleetExpectation.Environment> fleet,
                                         EnvironmentSnapshot silent, Instant now, Set<String> checks, int rulesInForce) throws Exception {
        List<String> kinds = new ArrayList<>(List.of(SnapshotKind.CONTENT.label()));
        List<Latency> latencies = new ArrayList<>(List.of(new Latency(silent.getCollectedAt(), now)));
        EnvironmentSnapshot deleted = deletedOnceAudited(now);
        List<Conflict> deletedConflicts = FleetExpectation.of(List.of(deleted), Set.of(), now).get(0).open();
        assertFalse(deletedConflicts.isEmpty(), "the environment deleted has alerts to resolve");
        List<String> deadLetterReasons = new ArrayList<>();
        List<CompatibilityRule> unloadable = List.of(misspeltRule(checks, now));
        try (TopicWriter writer = TopicWriter.connect(broker)) {
            for (String resource : SampleEnvironments.resources()) {
                sendContent(writer, EnvironmentSnapshot.newBuilder(SampleEnvironments.read(resource)).setCollectedAt(now).build(),
                        kinds, latencies);
            }
            sendContent(writer, deleted, kinds, latencies);
            // the seed again: the same content collected later (a heartbeat), then an older collection (late, ignored)
            EnvironmentSnapshot seed = SampleEnvironments.read(SampleEnvironments.SEED);
            Instant heartbeat = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            writer.snapshot(EnvironmentSnapshot.newBuilder(seed).setCollectedAt(heartbeat).build());
            kinds.add(SnapshotKind.HEARTBEAT.label());
            latencies.add(new Latency(heartbeat, heartbeat));
            writer.snapshot(EnvironmentSnapshot.newBuilder(seed).setCollectedAt(now.minus(Duration.ofHours(1))).build());
            kinds.add(SnapshotKind.LATE.label());
            // JSON where Avro belongs, and a rule that does not load: dead letters. JSON lacks single-object encoding's
            // C3 01 marker, so its reason is BAD_HEADER
            String snapshotsTopic = writer.topics().snapshots().name();
            byte[] json = "{\"environment\": {\"id\": \"ws-97//opt/conda\"}}".getBytes(StandardCharsets.UTF_8);
            deadLetterReasons.add(UndecodableRecordException.Reason.BAD_HEADER.name());
            writer.raw(snapshotsTopic, "ws-97//opt/conda", json);
            for (CompatibilityRule rule : unloadable) {
                writer.rule(rule);
                deadLetterReasons.add(InvalidRuleException.REASON);
            }

            // every alert open, the deleted environment's too (the gauge counts the stale one's conflicts), then the tombstone
            long open = fleet.stream().mapToLong(e -> e.open().size()).sum() + deletedConflicts.size();
            assertEquals(single(open), awaitAnswer(prometheus, "sum(envaudit_open_conflicts)", single(open)), "every alert open");
            writer.deleted(deleted.getEnvironment().getId());
            kinds.add(SnapshotKind.DELETION.label());
        }
        return new Sent(kinds, latencies, deletedConflicts, deadLetterReasons, unloadable.size(), rulesInForce);
    }

    /** A content snapshot: audited, its latency recorded. */
    private static void sendContent(TopicWriter writer, EnvironmentSnapshot snapshot, List<String> kinds, List<Latency> latencies)
            throws Exception {
        Instant sentAfter = Instant.now();
        writer.snapshot(snapshot);
        kinds.add(SnapshotKind.CONTENT.label());
        latencies.add(new Latency(snapshot.getCollectedAt(), sentAfter));
    }

    /** A user's rule with a misspelt severity, which the engine does not load (checked here), so the rule check refuses it. */
    private static CompatibilityRule misspeltRule(Set<String> checks, Instant now) {
        String id = "org.example.misspelt-severity";
        CompatibilityRule rule = CompatibilityRule.newBuilder(RuleRecords.ofDefaultPack(checks, now).get(0))
                .setId(id).setOrigin(RuleRecords.USER).setYaml("id: " + id + "\nseverity: eror\n").build();
        assertTrue(RuleRecords.load(List.of(rule), checks).hasErrors(), "the engine loads " + rule.getYaml());
        return rule;
    }

    /**
     * One percentile of the latency panel, named by its legend: a single finite value, where the collection and sending
     * times of the snapshots put it (the panel shows no exact latencies: they are interpolated within the histogram's buckets).
     */
    private static void assertPercentile(PrometheusServer prometheus, String query, String legend, Instant at, List<Latency> latencies)
            throws Exception {
        Matcher quantile = Pattern.compile("histogram_quantile\\(([0-9.]+), ").matcher(query);
        assertTrue(quantile.lookingAt(), query);
        assertEquals("p" + new BigDecimal(quantile.group(1)).movePointRight(2).stripTrailingZeros().toPlainString(), legend,
                "the legend of " + query);
        NavigableSet<Double> bounds = new TreeSet<>();
        for (Map<String, String> bucket : prometheus.query("envaudit_audit_latency_seconds_bucket", at).keySet()) {
            if (!bucket.get("le").equals("+Inf")) {
                bounds.add(Double.parseDouble(bucket.get("le")));
            }
        }
        HistogramQuantileBounds.Range range = HistogramQuantileBounds.of(Double.parseDouble(quantile.group(1)),
                latencies.stream().map(l -> l.by(at)).toList(), bounds);
        Map<Map<String, String>, Double> answer = prometheus.query(query, at);
        assertEquals(Set.of(Map.of()), answer.keySet(), query);
        double value = answer.values().iterator().next();
        assertTrue(Double.isFinite(value) && range.contains(value), query + " = " + value + ", not within " + range);
    }

    private static Map<Map<String, String>, Double> awaitAnswer(PrometheusServer prometheus, String query,
                                                                Map<Map<String, String>, Double> wanted) throws Exception {
        return awaitAnswers(prometheus, Map.of(query, wanted)).get(query);
    }

    /** Each query's answer, once every one is what is wanted or the deadline has passed. */
    private static Map<String, Map<Map<String, String>, Double>> awaitAnswers(
            PrometheusServer prometheus, Map<String, Map<Map<String, String>, Double>> wanted) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<String, Map<Map<String, String>, Double>> answers = new LinkedHashMap<>();
            for (String query : wanted.keySet()) {
                answers.put(query, prometheus.query(query));
            }
            if (answers.equals(wanted) || System.nanoTime() > deadline) {
                return answers;
            }
            Thread.sleep(500);
        }
    }

    private static List<String> with(Set<String> values, String all) {
        List<String> list = new ArrayList<>(values);
        list.add(all);
        return list;
    }

    private static String panelQuery(JsonNode dashboard, String title) {
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("title").asText().equals(title)) {
                return panel.get("targets").get(0).get("expr").asText();
            }
        }
        throw new AssertionError("no panel " + title);
    }

    /** The metric of a variable's label_values(metric, label) query. */
    private static String variableMetric(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("name").asText().equals(name)) {
                var query = Pattern.compile("label_values\\((\\w+), " + name + "\\)").matcher(variable.get("definition").asText());
                assertTrue(query.matches(), variable.toString());
                return query.group(1);
            }
        }
        throw new AssertionError("no variable " + name);
    }
}
