package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard of deploy/grafana, proven on real parts: {@code envaudit up} from the jar publishes the sample
 * fleet (and the test one environment last seen ten days ago, which turns stale) and routes its alerts to two real
 * webhook receivers ({@link RouterPanels}), a real Prometheus scrapes it every second with the recording rules of
 * deploy/prometheus loaded, and every query of every panel, with the dashboard's variables set to each of their
 * values, is evaluated through Prometheus's HTTP API and compared with what the engine says of that fleet, and the
 * router's panels with what the receivers got.
 */
@Tag("embedded-only") // up starts its own embedded broker
class DashboardPrometheusIT {
    private static final EnvauditJar ENVAUDIT = new EnvauditJar(Path.of("target", "envaudit.jar"));
    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final String ALL = ".*"; // the dashboard's allValue for both variables
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final int UP_PARTITIONS = 4; // up creates the snapshot topic with its default partition count

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An environment of the seed's content on a host last seen ten days ago: past the 3-day stale TTL of up. */
    private static EnvironmentSnapshot silentForTenDays(Instant now) {
        EnvironmentSnapshot seed = SampleEnvironments.read(SampleEnvironments.SEED);
        return EnvironmentSnapshot.newBuilder(seed)
                .setHost(Host.newBuilder(seed.getHost()).setId("ws-99").setHostname("ws-99").setLabels(Map.of("team", "research")).build())
                .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId("ws-99/" + seed.getEnvironment().getPrefix()).build())
                .setCollectedAt(now.minus(Duration.ofDays(10)))
                .build();
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

    private static Map<Map<String, String>, Double> single(double value) {
        return vector(Map.of(Map.of(), value));
    }

    private static boolean matches(String regex, String value) {
        return Pattern.matches(regex, value);
    }

    /** Panel title → the vector its query should return for a team and a severity, from the fleet. */
    private static Map<String, BiFunction<String, String, Map<Map<String, String>, Double>>> expectedPanels(
            List<FleetExpectation.Environment> fleet, String instance) {
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
        // settled: every record read (the restore consumer, which reports NaN, is not a stream thread's)
        panels.put("Consumer lag", (team, severity) -> vector(Map.of(Map.of("instance", instance), 0)));
        return panels;
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
            EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", instance, "--no-scan",
                    "--routes", receivers.routesFile(dir).toString());
            try {
                List<String> seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("Auditor started")));
                assertTrue(seen.stream().anyMatch(x -> x.startsWith("Auditor started")), String.join("\n", seen));
                String broker = seen.get(0).substring("Kafka broker up at ".length(), seen.get(0).indexOf(" (data"));

                Instant now = Instant.now();
                EnvironmentSnapshot silent = silentForTenDays(now);
                Path silentFile = dir.resolve("ws-99.json");
                try (Writer out = Files.newBufferedWriter(silentFile, StandardCharsets.UTF_8)) {
                    AvroPlainJson.write(silent, out);
                }
                CommandResult published = CommandResult.inProcess(new EnvauditCommand(), "agent", "publish", "-b", broker,
                        "--state", dir.resolve("agent-state.properties").toString(), "--from", silentFile.toString());
                assertEquals(0, published.exitCode(), published.out() + published.err());

                List<EnvironmentSnapshot> snapshots = new ArrayList<>();
                SampleEnvironments.resources().forEach(r -> snapshots.add(SampleEnvironments.read(r)));
                snapshots.add(silent);
                List<FleetExpectation.Environment> fleet = FleetExpectation.of(snapshots, Set.of(silent.getEnvironment().getId()), now);
                Map<String, BiFunction<String, String, Map<Map<String, String>, Double>>> expected = expectedPanels(fleet, instance);

                // settled: Prometheus has scraped the counts of the whole fleet, the stale one included, and no lag
                String environments = "sum by (state, team) (envaudit_environments)";
                Map<Map<String, String>, Double> wanted = new TreeMap<>(PrometheusServer::compareLabels);
                for (FleetExpectation.Environment e : fleet) {
                    wanted.merge(Map.of("state", e.state(), "team", e.team()), 1.0, Double::sum);
                }
                String lag = substitute(panelQuery(dashboard, "Consumer lag"), ALL, ALL, "1m");
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (!(prometheus.query(environments).equals(wanted) && prometheus.query(lag).equals(expected.get("Consumer lag").apply(ALL, ALL)))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(500); // the sweep marks the silent environment stale within a minute of the auditor's start
                }
                assertEquals(wanted, prometheus.query(environments), "the fleet's environments, as Prometheus scraped them");

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
                            Map<Map<String, String>, Double> shown = prometheus.queryAt(query, router.at());
                            assertEquals(router.panels().get(title).apply(expr), shown, title + " at " + router.at() + ": " + query);
                            assertFalse(shown.isEmpty(), title + " shows something");
                            continue;
                        }
                        if (title.equals("Audit throughput")) {
                            // every snapshot and rule record went through a stream thread while Prometheus watched
                            String window = Duration.between(started, Instant.now()).toSeconds() + 1 + "s";
                            Map<Map<String, String>, Double> rate = prometheus.query(substitute(expr, ALL, ALL, window));
                            assertEquals(Set.of(Map.of("instance", instance)), rate.keySet(), title);
                            assertTrue(rate.values().iterator().next() > 0, title + ": " + rate);
                            continue;
                        }
                        assertTrue(expected.containsKey(title), "no expectation for the panel " + title);
                        for (String team : with(teams, ALL)) {
                            for (String severity : with(severities, ALL)) {
                                String query = substitute(expr, team, severity, "1m");
                                assertEquals(expected.get(title).apply(team, severity), prometheus.query(query),
                                        title + " with team=" + team + ", severity=" + severity + ": " + query);
                            }
                        }
                        assertFalse(prometheus.query(substitute(expr, ALL, ALL, "1m")).isEmpty(), title + " shows something");
                    }
                }
                Set<String> covered = new TreeSet<>(expected.keySet());
                covered.addAll(router.panels().keySet());
                covered.add("Audit throughput");
                assertEquals(covered, new TreeSet<>(titles), "every panel has an expectation, and every expectation a panel");

                // the recording rules ran in that Prometheus: the fleet total by state and team is recorded
                assertEquals(wanted, prometheus.query("state_team:envaudit_environments:sum"), "the recorded fleet total");
                CommandResult stopped = up.stop();
                assertEquals(0, stopped.exitCode(), stopped.out() + stopped.err());
            } finally {
                up.kill();
            }
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
