package io.envaudit.cli;

import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.router.WebhookServer;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit up} from the jar, as a user runs it: a real broker and the auditor start, the default pack
 * is published, the samples' conflicts are printed, SIGTERM (what Ctrl-C amounts to) stops it cleanly, and
 * a second run reuses the data. The second run is stopped the moment the auditor has started, while the
 * samples are still being published: a stop there used to end the JVM before anything was closed. With
 * {@code --routes}, the router beside the auditor, against a real webhook server: its alerts and meters, its
 * status served until it has stopped, its failure stopping up, and a bad proxy variable refused up front.
 */
@Tag("embedded-only") // up starts its own embedded broker: there is no other to point it at
class EnvauditUpIT {
    private static final EnvauditJar ENVAUDIT = new EnvauditJar(Path.of("target", "envaudit.jar"));
    private static final EnvauditJar AGENT_JAR = new EnvauditJar(Path.of("..", "agent-cli", "target", "envaudit-agent.jar"));
    private static final String STOPPED = "envaudit stopped; data kept in ";

    @TempDir
    Path dir;

    private static long opened(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("OPEN")).count();
    }

    /** The conflicts the samples up publishes have, by the engine the streaming auditor runs. */
    private static long sampleConflicts() {
        Instant now = Instant.now();
        Auditor auditor = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), now).ruleSet(), BuiltInChecks.all());
        return SampleEnvironments.resources().stream()
                .mapToLong(r -> auditor.audit(EnvironmentView.of(SampleEnvironments.read(r)), now).open().size()).sum();
    }

    /** How many sample environments are drifted (an open conflict of warning or above, the default threshold). */
    private static long driftedSamples() {
        Instant now = Instant.now();
        Auditor auditor = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), now).ruleSet(), BuiltInChecks.all());
        return SampleEnvironments.resources().stream()
                .filter(r -> auditor.audit(EnvironmentView.of(SampleEnvironments.read(r)), now).drifted(Severity.WARNING)).count();
    }

    /** What up's status server answers at {@code path} ({@code /metrics}, {@code /ready}), on the address up printed. */
    private static HttpResponse<String> status(List<String> lines, String path) throws Exception {
        Matcher url = Pattern.compile("metrics on (http://\\S+)/metrics;").matcher(
                lines.stream().filter(l -> l.startsWith("Auditor started")).findFirst().orElseThrow());
        assertTrue(url.find());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code envaudit_environments{state="drifted",...}} summed over teams, from the metrics URL up printed. */
    private static long driftedOnMetrics(List<String> lines) throws Exception {
        String body = status(lines, "/metrics").body();
        Pattern drifted = Pattern.compile("^envaudit_environments\\{state=\"drifted\",team=\"[^\"]*\"} ([0-9.]+)$");
        return body.lines().map(drifted::matcher).filter(Matcher::matches).mapToLong(m -> (long) Double.parseDouble(m.group(1))).sum();
    }

    /** {@code envaudit_router_notifications_sent_total} of one receiver on up's /metrics (0 when the series is not there). */
    private static double sentOnMetrics(List<String> lines, String receiver) throws Exception {
        Matcher sent = Pattern.compile("(?m)^envaudit_router_notifications_sent_total\\{receiver=\"" + Pattern.quote(receiver) + "\"} ([0-9.]+)$")
                .matcher(status(lines, "/metrics").body());
        return sent.find() ? Double.parseDouble(sent.group(1)) : 0;
    }

    /** The broker's address, from up's first line. */
    private static String broker(List<String> lines) {
        return lines.get(0).substring("Kafka broker up at ".length(), lines.get(0).indexOf(" (data"));
    }

    /** A routes file that sends every alert to one webhook receiver, audit-log, with these fields besides its URL. */
    private Path routesTo(URI webhook, String... receiverFields) throws IOException {
        String receiver = Stream.concat(Stream.of("name: audit-log", "type: webhook", "url: '" + webhook + "'"), Stream.of(receiverFields))
                .collect(Collectors.joining(", "));
        return Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "receivers:",
                "  - {" + receiver + "}",
                "route:",
                "  receiver: audit-log", ""));
    }

    private static void assertStoppedCleanly(CommandResult stopped, Path data) {
        assertEquals(0, stopped.exitCode(), stopped.out() + stopped.err());
        List<String> lines = stopped.lines();
        assertEquals(STOPPED + data, lines.get(lines.size() - 1), stopped.out() + stopped.err());
    }

    @Test
    void upShowsTheSamplesConflictsStopsCleanlyAndReusesItsData() throws Exception {
        Path data = dir.resolve(".envaudit");
        long expected = sampleConflicts();
        EnvauditJar.Running first = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0", "--no-scan");
        try {
            List<String> seen = first.await(l -> opened(l) >= expected);
            assertEquals(expected, opened(seen), String.join("\n", seen));
            String broker = seen.get(0);
            assertTrue(broker.startsWith("Kafka broker up at 127.0.0.1:"), broker);
            int packRules = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules().size();
            assertEquals("Default rule pack " + DefaultRulePack.VERSION + " on envaudit.rules: " + packRules + " added", seen.get(1));
            assertTrue(seen.stream().anyMatch(l -> l.contains("fix: ")), "alerts carry their fix");
            long drifted = driftedSamples();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            long served = driftedOnMetrics(seen);
            while (served != drifted && System.nanoTime() < deadline) { // the counts commit with the alerts, a scrape may come first
                Thread.sleep(200);
                served = driftedOnMetrics(seen);
            }
            assertEquals(drifted, served, "/metrics counts the drifted sample environments");
            assertStoppedCleanly(first.stop(), data);

            EnvauditJar.Running second = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0", "--no-scan");
            try {
                List<String> again = second.await(l -> l.stream().anyMatch(x -> x.startsWith("Auditor started")));
                assertEquals(broker, again.get(0), "the same broker address and data on a second run");
                assertEquals("Default rule pack " + DefaultRulePack.VERSION + " on envaudit.rules: " + packRules + " unchanged", again.get(1),
                        "nothing is published again");
                assertStoppedCleanly(second.stop(), data);
            } finally {
                second.kill();
            }
        } finally {
            first.kill();
        }
    }

    @Test
    void upWithRoutesServesTheRoutersMetricsAndProbesUntilTheRouterHasStopped() throws Exception {
        Path data = dir.resolve(".envaudit");
        CountDownLatch answer = new CountDownLatch(1);
        try (WebhookServer hook = WebhookServer.start()) {
            hook.script(WebhookServer.Reply.hang(answer)); // the first post waits for the test, which holds the router's stop
            Path routes = routesTo(hook.url("/envaudit"), "group_window: 1s", "timeout: 5m");
            EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0",
                    "--routes", routes.toString(), "--no-scan");
            try {
                List<String> seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("Routing the alerts to")));
                assertFalse(hook.awaitRequests(1).isEmpty(), "the router posts the samples' alerts: " + String.join("\n", seen));
                up.terminate();

                // the auditor stops first; the router, its post in progress, after it: until then both are served
                HttpResponse<String> health = servedWhileTheRouterRuns(seen, "/health");
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (!health.body().startsWith("auditor: NOT_RUNNING") && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    health = servedWhileTheRouterRuns(seen, "/health");
                }
                assertEquals(503, health.statusCode(), health.body());
                assertTrue(health.body().matches("auditor: NOT_RUNNING; router: running, [a-z]+\n"), health.body());
                String metrics = servedWhileTheRouterRuns(seen, "/metrics").body();
                assertTrue(Pattern.compile("(?m)^envaudit_router_notifications_sent_total\\{receiver=\"audit-log\"} 0\\.0$").matcher(metrics).find(),
                        "the router's meters, the post in progress not counted yet: " + metrics);

                answer.countDown();
                assertStoppedCleanly(up.ended(), data);
            } finally {
                answer.countDown();
                up.kill();
            }
        }
    }

    /** {@link #status}, where a refused connection means the status server closed while the router still ran. */
    private static HttpResponse<String> servedWhileTheRouterRuns(List<String> lines, String path) throws Exception {
        try {
            return status(lines, path);
        } catch (ConnectException e) {
            throw new AssertionError(path + " is no longer served, while the router still delivers", e);
        }
    }

    @Test
    void upStopsWithAnErrorWhenTheRouterStopsOnOne() throws Exception {
        Path data = dir.resolve(".envaudit");
        try (WebhookServer hook = WebhookServer.start()) {
            Path routes = routesTo(hook.url("/envaudit"), "group_window: 1s");
            EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0",
                    "--routes", routes.toString(), "--no-sample", "--no-scan");
            try {
                List<String> seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("Routing the alerts to")));
                try (TopicWriter writer = TopicWriter.connect(broker(seen))) {
                    // the delivery log refuses every record from now on, as a topic whose limit is below a notification's size
                    refuseRecordsOf(broker(seen), writer.topics().routerDeliveries().name());
                    EnvironmentSnapshot seed = SampleEnvironments.read(SampleEnvironments.SEED);
                    writer.snapshot(EnvironmentSnapshot.newBuilder(seed).setCollectedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build());
                }
                CommandResult ended = up.ended();
                assertEquals(1, ended.exitCode(), ended.out() + ended.err());
                assertTrue(ended.err().lines().anyMatch(l -> l.startsWith("error: the router stopped: the router cannot write its delivery log: ")),
                        ended.err());
                List<String> lines = ended.lines();
                assertEquals(List.of("stopping ...", STOPPED + data), lines.subList(lines.size() - 2, lines.size()), ended.out());
                assertTrue(hook.requests().isEmpty(), "nothing is posted that the delivery log has not recorded");
            } finally {
                up.kill();
            }
        }
    }

    /** Sets the topic's {@code max.message.bytes} to 1, and waits until the broker says so. */
    private static void refuseRecordsOf(String broker, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker))) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1"), AlterConfigOp.OpType.SET)))).all().get();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            String limit = null;
            while (!"1".equals(limit) && System.nanoTime() < deadline) {
                limit = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
                Thread.sleep(100);
            }
            assertEquals("1", limit, topic + " " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        }
    }

    @Test
    void upWithRoutesRefusesAProxyVariableThatNamesNoProxyBeforeItStartsAnything() throws Exception {
        Path data = dir.resolve(".envaudit");
        Path routes = routesTo(URI.create("https://hooks.example.org/envaudit"));
        CommandResult refused = ENVAUDIT.withEnvironment(Map.of("HTTPS_PROXY", "socks5://proxy.example.org:1080"))
                .run("", "up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0", "--routes", routes.toString());
        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertEquals(List.of("error: HTTPS_PROXY must be an http proxy, http://host:port"), refused.err().lines().toList());
        assertEquals("", refused.out());
        assertFalse(Files.exists(data), "no broker started, nothing written in " + data);
    }

    @Test
    void upRefusesAMetricsAddressInUseBeforeItStartsAnything() throws Exception {
        Path data = dir.resolve(".envaudit");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            CommandResult refused = ENVAUDIT.run("", "up", "--data-dir", data.toString(), "--metrics-address", address);
            assertEquals(1, refused.exitCode(), refused.out() + refused.err());
            List<String> errors = refused.err().lines().toList();
            assertEquals(1, errors.size(), refused.err());
            assertTrue(errors.get(0).startsWith("error: cannot serve metrics on " + address + ": "), errors.get(0));
            assertFalse(Files.exists(data.resolve("kafka")), "no broker started, nothing written in " + data);
        }
    }

    @Test
    void aRoutesFileWhoseCaFileHoldsNoCertificateStopsUpBeforeItStartsAnything() throws Exception {
        Path data = dir.resolve(".envaudit");
        Files.writeString(dir.resolve("corp-ca.pem"), "");
        Path routes = Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "receivers:",
                "  - {name: corp, type: webhook, url: 'https://hooks.corp/envaudit', tls: {ca_file: corp-ca.pem}}",
                "route:",
                "  receiver: corp", ""));
        CommandResult up = ENVAUDIT.run("", "up", "--data-dir", data.toString(), "--routes", routes.toString(), "--no-scan");
        assertEquals(2, up.exitCode(), up.out() + up.err());
        assertEquals(List.of("error: " + routes + ":2:84: " + dir.resolve("corp-ca.pem") + " ('tls.ca_file' of receiver 'corp')"
                + " holds no certificate: a CA file is PEM, one or more -----BEGIN CERTIFICATE----- blocks"), up.err().lines().toList());
        assertFalse(Files.exists(data), "no broker was started");
    }

    private static final String NUMPY_FLOOR = String.join("\n",
            "rules:",
            "  - id: org.numpy-floor",
            "    description: The organisation needs numpy 1.24 or later.",
            "    source: https://example.org/policy",
            "    severity: error",
            "    require: [numpy>=1.24]",
            "    fix: pip install 'numpy>=1.24'", "");

    /** How many sample environments break the rules of {@code yaml}, by the engine the auditor runs. */
    private static long samplesBreaking(String yaml) {
        Instant now = Instant.now();
        Auditor auditor = new Auditor(RuleFileLoader.load(List.of(new RuleFile("rule.yaml", yaml)), "user",
                Set.copyOf(BuiltInChecks.ids()), now).ruleSet(), List.of());
        return SampleEnvironments.resources().stream()
                .filter(r -> !auditor.audit(EnvironmentView.of(SampleEnvironments.read(r)), now).open().isEmpty()).count();
    }

    @Test
    void upWithARoutesFileSendsTheSamplesAlertsAndThoseOfARulePublishedMeanwhileAsGroupedPosts() throws Exception {
        Path data = dir.resolve(".envaudit");
        long expected = sampleConflicts();
        try (WebhookServer hook = WebhookServer.start()) {
            Path routes = routesTo(hook.url("/envaudit"), "group_window: 3s");
            EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0",
                    "--routes", routes.toString(), "--no-scan");
            try {
                List<String> seen = up.await(l -> opened(l) >= expected);
                assertTrue(seen.contains("Routing the alerts to audit-log (" + routes + ")"), String.join("\n", seen));
                List<WebhookServer.Request> sent = hook.awaitRequests(requests -> EnvauditRouteIT.total(requests) >= expected);
                assertEquals(expected, EnvauditRouteIT.total(sent), "every alert of the samples, once");

                Path floor = Files.writeString(dir.resolve("numpy-floor.yaml"), NUMPY_FLOOR);
                long breaking = samplesBreaking(NUMPY_FLOOR);
                CommandResult published = CommandResult.inProcess(new EnvauditCommand(), "rules", "publish", "-b", broker(seen),
                        floor.toString());
                assertEquals(0, published.exitCode(), published.out() + published.err());
                sent = hook.awaitRequests(requests -> EnvauditRouteIT.environmentsOf(requests, "org.numpy-floor") >= breaking);
                assertEquals(breaking, EnvauditRouteIT.environmentsOf(sent, "org.numpy-floor"));
                assertTrue(EnvauditRouteIT.posts(sent, "org.numpy-floor") <= 2,
                        "the new rule's alerts on the sample fleet in one or two posts, not one each");

                // the router counts on up's own /metrics, beside the auditor; it counts a post once it is answered
                int received = hook.requests().size();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                double counted = sentOnMetrics(seen, "audit-log");
                while (counted != received && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    received = hook.requests().size();
                    counted = sentOnMetrics(seen, "audit-log");
                }
                assertEquals(received, counted, "envaudit_router_notifications_sent_total: every post the receiver got");
                String metrics = status(seen, "/metrics").body();
                assertTrue(metrics.contains("envaudit_router_delivery_latency_seconds_bucket{receiver=\"audit-log\",le=\"0.1\"}"), metrics);
                assertTrue(metrics.contains("envaudit_environments{"), "the auditor's metrics on the same page: " + metrics);

                // ready once both are: the auditor running with its partitions readable, the router routing its own
                HttpResponse<String> ready = status(seen, "/ready");
                deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    ready = status(seen, "/ready");
                }
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().matches("auditor: ready; router: ready: routing partitions [0-9, ]+ of envaudit\\.alerts\n"),
                        ready.body());
                HttpResponse<String> health = status(seen, "/health");
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().matches("auditor: [A-Z_]+; router: running, [a-z]+\n"), health.body());
                assertStoppedCleanly(up.stop(), data);
            } finally {
                up.kill();
            }
        }
    }

    @Test
    void upPublishesThisMachinesEnvironments_andAuditsWhatAnAgentPublishesToIt() throws Exception {
        CommandResult scanned = AGENT_JAR.run("", "agent", "scan", "--format", "json");
        assertEquals(0, scanned.exitCode(), scanned.err());
        long environments;
        try (MappingIterator<JsonNode> snapshots = new ObjectMapper().readerFor(JsonNode.class).readValues(scanned.out())) {
            environments = snapshots.readAll().size();
        }
        Path data = dir.resolve(".envaudit");
        EnvauditJar.Running up = ENVAUDIT.start("up", "--data-dir", data.toString(), "--metrics-address", "127.0.0.1:0", "--no-sample");
        try {
            List<String> seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("This machine's environments:")));
            assertTrue(seen.contains("This machine's environments: " + environments + " published, 0 deleted"), String.join("\n", seen));

            // a workstation's agent, from the slim jar, publishing a venv with numpy 2 beside TensorFlow 2.15
            Path venv = VenvFixture.venv(dir.resolve("workstation-venv"), "numpy==2.0.1", "tensorflow==2.15.0", "keras==2.15.0",
                    "tensorboard==2.15.2", "tensorflow_estimator==2.15.0");
            CommandResult published = AGENT_JAR.run("", "agent", "publish", "--once", "-b", broker(seen),
                    "--state", dir.resolve("agent-state.properties").toString(), "--path", venv.toString());
            assertEquals(0, published.exitCode(), published.err());

            seen = up.await(l -> l.stream().anyMatch(x -> x.startsWith("OPEN") && x.endsWith(venv + ": tensorflow (new)")));
            assertTrue(seen.stream().anyMatch(x -> x.startsWith("OPEN     error    tensorflow-numpy2-abi on ") && x.contains(venv.toString())),
                    String.join("\n", seen));
            assertStoppedCleanly(up.stop(), data);
        } finally {
            up.kill();
        }
    }
}
