package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.WebhookServer;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit route} from the jar beside a running auditor on the test broker: the sample's conflicts
 * on a dozen hosts, then a rule published while everything runs, reach a webhook and a Slack stand-in as
 * a few grouped messages, one per rule, not one per alert.
 */
class EnvauditRouteIT {
    private static final int HOSTS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMPY_FLOOR = String.join("\n",
            "rules:",
            "  - id: org.numpy-floor",
            "    description: The organisation needs numpy 1.24 or later.",
            "    source: https://example.org/policy",
            "    severity: error",
            "    require: [numpy>=1.24]",
            "    fix: pip install 'numpy>=1.24'", "");

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path root;

    private static SchemaRegistryTopic registry;
    private static EnvauditTopics topics;
    private static KafkaStreams auditor;

    @BeforeAll
    static void startTheAuditor() {
        Map<String, Object> client = kafka.clientConfig();
        String schemas = SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX);
        try (Admin admin = Admin.create(client)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(schemas));
            registry = SchemaRegistryTopic.connect(client, schemas, SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
            topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
            provisioner.ensure(topics.all(), 4, Optional.empty());
        }
        Properties config = StreamingAuditor.config("envaudit-route-it", root.resolve("streams"), topics, AuditCounters.NONE,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100));
        auditor = StreamingAuditor.create(topics, AuditSettings.DEFAULTS, config);
        auditor.start();
        publishRules(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), null).ruleSet().rules());
    }

    @AfterAll
    static void stopTheAuditor() {
        StreamingAuditor.stop(auditor, Duration.ofSeconds(30));
        registry.close();
    }

    private static void publishRules(List<Rule> rules) {
        try (KafkaProducer<String, CompatibilityRule> producer = kafka.producer(topics.rules().keySerde().serializer(),
                topics.rules().valueSerde().serializer())) {
            for (Rule rule : rules) {
                producer.send(new ProducerRecord<>(topics.rules().name(), rule.id(), RuleRecords.of(rule, "test", Instant.now())));
            }
        }
    }

    /** The seed sample on hosts ws-0, ws-1, ...: each environment has its four conflicts. */
    private static void publishSnapshots() throws Exception {
        EnvironmentSnapshot seed;
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
        try (KafkaProducer<String, EnvironmentSnapshot> producer = kafka.producer(topics.snapshots().keySerde().serializer(),
                topics.snapshots().valueSerde().serializer())) {
            for (int i = 0; i < HOSTS; i++) {
                String id = "host-" + i + "//home/ana/miniconda3/envs/tf210";
                EnvironmentSnapshot snapshot = EnvironmentSnapshot.newBuilder(seed)
                        .setHost(Host.newBuilder(seed.getHost()).setId("host-" + i).setHostname("ws-" + i).build())
                        .setEnvironment(Environment.newBuilder(seed.getEnvironment()).setId(id).build()).build();
                producer.send(new ProducerRecord<>(topics.snapshots().name(), id, snapshot)).get();
            }
        }
    }

    /** Every alert the webhook got, by rule: environment ids. */
    private static Map<String, Set<String>> environmentsByRule(List<WebhookServer.Request> requests) throws Exception {
        Map<String, Set<String>> byRule = new TreeMap<>();
        for (WebhookServer.Request request : requests) {
            JsonNode body = JSON.readTree(request.body());
            Set<String> environments = byRule.computeIfAbsent(body.get("rule").asText(), r -> new HashSet<>());
            body.get("alerts").forEach(alert -> environments.add(alert.get("environment_id").asText()));
        }
        return byRule;
    }

    /** How many webhook posts were about the rule. */
    static long posts(List<WebhookServer.Request> requests, String rule) throws Exception {
        long count = 0;
        for (WebhookServer.Request request : requests) {
            count += JSON.readTree(request.body()).get("rule").asText().equals(rule) ? 1 : 0;
        }
        return count;
    }

    @Test
    void conflictsAndARulePublishedWhileRunningReachTheReceiversAsGroupedMessages() throws Exception {
        try (WebhookServer hook = WebhookServer.start(); WebhookServer slack = WebhookServer.start()) {
            Path routes = Files.writeString(root.resolve("routes.yaml"), String.join("\n",
                    "group_window: 5s",
                    "receivers:",
                    "  - {name: ml-vision-chat, type: slack, url_env: SLACK_URL}",
                    "  - {name: audit-log, type: webhook, url: '" + hook.url("/envaudit") + "'}",
                    "route:",
                    "  receiver: audit-log",
                    "  routes:",
                    "    - {match: {team: ml-vision}, receiver: ml-vision-chat, continue: true}",
                    "    - {match_glob: {host: 'ws-*'}, receiver: audit-log}", ""));
            ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    Path.of("target", "envaudit.jar").toString(), "route", "--config", routes.toString(),
                    "--bootstrap-servers", kafka.bootstrapServers(), "--metrics-port", "0")
                    .redirectError(root.resolve("route.log").toFile());
            command.environment().put("SLACK_URL", slack.url("/services/T0/B0/X").toString());
            Process router = command.start();
            router.getOutputStream().close();
            List<String> output = new ArrayList<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readLines(router, output));
            try {
                publishSnapshots();
                List<WebhookServer.Request> sent = hook.awaitRequests(requests -> total(requests) >= HOSTS * 4);
                Map<String, Set<String>> byRule = environmentsByRule(sent);
                assertEquals(4, byRule.size(), "the sample's four conflicts: " + byRule.keySet());
                byRule.forEach((rule, environments) -> assertEquals(HOSTS, environments.size(), rule));
                assertTrue(sent.size() <= 8, sent.size() + " posts for " + HOSTS * 4 + " alerts: one, or two, per rule");

                publishRules(List.of(numpyFloor()));
                sent = hook.awaitRequests(requests -> environmentsOf(requests, "org.numpy-floor") >= HOSTS);
                assertEquals(HOSTS, environmentsOf(sent, "org.numpy-floor"));
                assertTrue(posts(sent, "org.numpy-floor") <= 2, "the new rule's " + HOSTS + " alerts in one or two posts");

                List<WebhookServer.Request> chat = slack.awaitRequests(requests -> texts(requests).stream()
                        .anyMatch(t -> t.startsWith("org.numpy-floor: ")));
                String headline = texts(chat).stream().filter(t -> t.startsWith("org.numpy-floor: ")).findFirst().orElseThrow();
                assertTrue(headline.matches("org\\.numpy-floor: [0-9]+ environments? on team ml-vision"), headline);

                String metrics = scrape(output);
                Matcher sentToAuditLog = Pattern.compile("(?m)^envaudit_router_notifications_sent_total\\{receiver=\"audit-log\"} ([0-9.]+)$")
                        .matcher(metrics);
                assertTrue(sentToAuditLog.find(), metrics);
                double counted = Double.parseDouble(sentToAuditLog.group(1));
                assertTrue(counted >= 5 && counted <= hook.requests().size(), counted + " of " + hook.requests().size() + " posts");
                assertTrue(metrics.contains("envaudit_router_delivery_latency_seconds_count{receiver=\"ml-vision-chat\"}"), metrics);

                HttpResponse<String> health = get(output, "/health");
                assertEquals(200, health.statusCode(), health.body());
                assertEquals("running, routing\n", health.body());
                HttpResponse<String> ready = get(output, "/ready");
                assertEquals(200, ready.statusCode(), ready.body());
                assertEquals("ready: routing partitions 0, 1, 2, 3 of envaudit.alerts\n", ready.body(), "the only router of its group");
            } finally {
                router.destroy();
                assertTrue(router.waitFor(60, TimeUnit.SECONDS), "the router stops on SIGTERM");
                reader.join();
            }
            synchronized (output) {
                assertEquals("Routing the alerts of envaudit.alerts (group envaudit-router) to:", output.get(0), String.join("\n", output));
                assertTrue(output.get(1).startsWith("  ml-vision-chat: slack, URL from $SLACK_URL"), output.get(1));
            }
        }
    }

    /** What the router's status server answers at {@code path}; its port is on the line that announces it. */
    private static HttpResponse<String> get(List<String> output, String path) throws Exception {
        String announced;
        synchronized (output) {
            announced = output.stream().filter(l -> l.startsWith("Metrics at ")).findFirst().orElseThrow(() ->
                    new AssertionError("no metrics line in " + output));
        }
        Matcher port = Pattern.compile("^Metrics at http://localhost:([0-9]+)/metrics, health at /health, readiness at /ready$")
                .matcher(announced);
        assertTrue(port.matches(), announced);
        URI uri = URI.create("http://127.0.0.1:" + port.group(1) + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape(List<String> output) throws Exception {
        HttpResponse<String> response = get(output, "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static Rule numpyFloor() {
        LoadedRules loaded = RuleFileLoader.load(List.of(new RuleFile("numpy-floor.yaml", NUMPY_FLOOR)), "user",
                Set.copyOf(BuiltInChecks.ids()), null);
        return loaded.ruleSet().rules().get(0);
    }

    /** How many alerts the webhook posts held. */
    static int total(List<WebhookServer.Request> requests) {
        int total = 0;
        for (WebhookServer.Request request : requests) {
            total += read(request.body()).get("alerts").size();
        }
        return total;
    }

    /** How many environments the webhook posts named for the rule. */
    static int environmentsOf(List<WebhookServer.Request> requests, String rule) {
        Set<String> environments = new HashSet<>();
        for (WebhookServer.Request request : requests) {
            JsonNode body = read(request.body());
            if (body.get("rule").asText().equals(rule)) {
                body.get("alerts").forEach(alert -> environments.add(alert.get("environment_id").asText()));
            }
        }
        return environments.size();
    }

    private static List<String> texts(List<WebhookServer.Request> requests) {
        return requests.stream().map(r -> read(r.body()).get("text").asText()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }
}
