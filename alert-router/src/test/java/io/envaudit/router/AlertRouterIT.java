package io.envaudit.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.WebhookServer.Reply;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.delivery.RouterMetrics;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.NotificationPhase;
import io.envaudit.wire.SchemaRegistryTopic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router on the real broker, posting to real HTTP servers on loopback: grouping, retries, the
 * dead-letter topic, and a restart that repeats nothing. Each test has its own topic prefix and group.
 */
class AlertRouterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    Path dir;

    /** What the test's router counted. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RunningRouter start(RouterFixture fixture, Path routesFile, Map<String, String> environment, String group)
            throws Exception {
        RoutesConfig routes = RoutesFile.load(routesFile, environment);
        return AlertRouter.start(kafka.clientConfig(), fixture.topics(), routes,
                RouterSettings.defaults().withGroupId(group).withEnvironment(Map.of()).withMeters(meters));
    }

    private static JsonNode json(WebhookServer.Request request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void thousandsOfAlertsBecomeOneMessagePerReceiverAndRule() throws Exception {
        RouterFixture fixture = fixtures.create("grouping.");
        try (WebhookServer slack = WebhookServer.start(); WebhookServer teams = WebhookServer.start();
             WebhookServer hook = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 5s",
                    "receivers:",
                    "  - {name: slack, type: slack, url_env: SLACK_URL}",
                    "  - {name: teams, type: teams, url_env: TEAMS_URL}",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "', batch_size: 200}",
                    "route:",
                    "  receiver: hook",
                    "  routes:",
                    "    - match: {team: ml-vision}",
                    "      receiver: slack",
                    "      continue: true",
                    "    - match: {team: ml-vision}",
                    "      receiver: teams",
                    "      continue: true",
                    "    - match_glob: {host: 'ws-*'}",
                    "      receiver: hook");
            List<ConflictAlert> alerts = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                alerts.add(TestAlerts.onHost(i).setRuleId("numpy-abi").build());
            }
            alerts.add(TestAlerts.onHost(1).setRuleId("protobuf-4-tf").build());
            fixture.publish(alerts); // all there before the router starts: it reads them well within one window
            try (RunningRouter router = start(fixture, routes, Map.of("SLACK_URL", slack.url("/services/T/B/X").toString(),
                    "TEAMS_URL", teams.url("/workflows/1").toString()), "grouping")) {
                fixture.awaitAllCommitted("grouping");
            }
            List<String> slackTexts = new ArrayList<>();
            for (WebhookServer.Request request : slack.requests()) {
                slackTexts.add(json(request).get("text").asText());
            }
            assertEquals(Set.of("numpy-abi: 3000 environments on team ml-vision", "protobuf-4-tf: 1 environment on team ml-vision"),
                    Set.copyOf(slackTexts));
            assertEquals(2, slackTexts.size(), "one message per rule: " + slackTexts);
            assertEquals(2, teams.requests().size());
            Set<String> environments = new HashSet<>();
            for (WebhookServer.Request request : hook.requests()) {
                JsonNode body = json(request);
                if (body.get("rule").asText().equals("numpy-abi")) {
                    body.get("alerts").forEach(alert -> environments.add(alert.get("environment_id").asText()));
                    assertTrue(body.get("alerts").size() <= 200);
                }
            }
            assertEquals(3000, environments.size(), "every alert reached the webhook, in batches");
            assertEquals(15 + 1, hook.requests().size(), "3000 alerts in batches of 200, and the other rule");
        }
    }

    @Test
    void rateLimitsServerErrorsAndSlowAnswersAreRetriedUntilDelivered() throws Exception {
        RouterFixture fixture = fixtures.create("retries.");
        CountDownLatch never = new CountDownLatch(1);
        try (WebhookServer hook = WebhookServer.start()) {
            hook.script(Reply.rateLimited(1), Reply.status(500, "oops"), Reply.hang(never));
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "', timeout: 500ms, initial_backoff: 50ms, max_attempts: 5}",
                    "route:",
                    "  receiver: hook");
            try (RunningRouter router = start(fixture, routes, Map.of(), "retries")) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("retries");
            }
            List<WebhookServer.Request> requests = hook.requests();
            assertEquals(4, requests.size(), "429, 500, no answer, then delivered");
            assertEquals(1, requests.stream().map(WebhookServer.Request::body).distinct().count(), "the same message each time");
            assertEquals(1, requests.stream().map(r -> r.header("Idempotency-Key")).distinct().count());
            Duration afterRateLimit = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
            assertTrue(afterRateLimit.compareTo(Duration.ofSeconds(1)) >= 0, "Retry-After: 1 was honoured: " + afterRateLimit);
            assertEquals(1, meters.get(RouterMetrics.SENT).tag("receiver", "hook").counter().count());
            assertEquals(3, meters.get(RouterMetrics.RETRIED).tag("receiver", "hook").counter().count());
            Timer latency = meters.get(RouterMetrics.LATENCY).tag("receiver", "hook").timer();
            assertEquals(1, latency.count());
            assertTrue(latency.totalTime(TimeUnit.MILLISECONDS) >= 1000, "the latency includes the retries' waits");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aRefusalIsAConfigurationErrorAndItsNotificationGoesToTheDeadLetterTopic() throws Exception {
        RouterFixture fixture = fixtures.create("refused.");
        try (WebhookServer slack = WebhookServer.start()) {
            slack.script(Reply.status(404, "no_service"));
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: team-chat, type: slack, url_env: SLACK_URL}",
                    "route:",
                    "  receiver: team-chat");
            String url = slack.url("/services/T0/B0/SECRET").toString();
            try (RunningRouter router = start(fixture, routes, Map.of("SLACK_URL", url), "refused")) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("refused");
            }
            assertEquals(1, slack.requests().size(), "a 404 is not retried");
            List<AlertNotification> dead = fixture.deadLettersUntil(read -> !read.isEmpty());
            assertEquals(1, dead.size());
            AlertNotification notification = dead.get(0);
            assertEquals(NotificationPhase.DEAD_LETTERED, notification.getPhase());
            assertEquals("team-chat", notification.getReceiver());
            assertEquals("conda-depends", notification.getRuleId());
            assertEquals(slack.requests().get(0).body(), notification.getPayload(), "what could not be posted, to post again by hand");
            assertEquals("receiver 'team-chat': HTTP 404 'no_service': the receiver refused the message; check"
                    + " its URL, token and payload type", notification.getReason());
            assertEquals(1, meters.get(RouterMetrics.FAILED).tags("receiver", "team-chat", "outcome", "refused").counter().count());
        }
    }

    @Test
    void afterTheRetryBudgetTheNotificationGoesToTheDeadLetterTopic() throws Exception {
        RouterFixture fixture = fixtures.create("budget.");
        try (ResettingServer resetting = ResettingServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: hook, type: webhook, url_env: HOOK, initial_backoff: 10ms, max_attempts: 3}",
                    "route:",
                    "  receiver: hook");
            try (RunningRouter router = start(fixture, routes, Map.of("HOOK", resetting.url("/SECRET").toString()), "budget")) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("budget");
            }
            assertEquals(3, resetting.connections());
            AlertNotification dead = fixture.deadLettersUntil(read -> !read.isEmpty()).get(0);
            assertTrue(dead.getReason().startsWith("receiver 'hook': gave up after 3 attempts over "), dead.getReason());
            assertTrue(dead.getReason().contains("last: the connection failed: "), dead.getReason());
            assertFalse(dead.getReason().contains("SECRET"), dead.getReason());
            assertEquals(1, meters.get(RouterMetrics.FAILED).tags("receiver", "hook", "outcome", "exhausted").counter().count());
            assertEquals(2, meters.get(RouterMetrics.RETRIED).tag("receiver", "hook").counter().count());
        }
    }

    @Test
    void aRestartSendsNothingTwiceEvenWhenTheOffsetsWereNotCommitted() throws Exception {
        RouterFixture fixture = fixtures.create("restart.");
        try (WebhookServer slack = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 500ms",
                    "receivers:",
                    "  - {name: slack, type: slack, url_env: SLACK_URL}",
                    "route:",
                    "  receiver: slack");
            Map<String, String> environment = Map.of("SLACK_URL", slack.url("/services/T/B/X").toString());
            List<ConflictAlert> first = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                first.add(TestAlerts.onHost(i).setRuleId(i % 2 == 0 ? "numpy-abi" : "protobuf-4-tf").build());
            }
            try (RunningRouter router = start(fixture, routes, environment, "restart")) {
                fixture.publish(first);
                fixture.awaitAllCommitted("restart");
            }
            assertEquals(2, slack.requests().size());

            // as if it had stopped after delivering and before committing: only the delivery log knows
            fixture.forgetCommittedOffsets("restart");
            ConflictAlert fixed = TestAlerts.resolved(first.get(0));
            try (RunningRouter router = start(fixture, routes, environment, "restart")) {
                fixture.publish(List.of(fixed));
                fixture.awaitAllCommitted("restart");
            }
            List<WebhookServer.Request> requests = slack.requests();
            assertEquals(3, requests.size(), "only the new alert was posted");
            assertEquals("numpy-abi: fixed in 1 environment on team ml-vision", json(requests.get(2)).get("text").asText());
        }
    }

    @Test
    void anUndecodableRecordIsPassedOverAndTheAlertsAroundItDelivered() throws Exception {
        RouterFixture fixture = fixtures.create("undecodable.");
        try (WebhookServer hook = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "'}",
                    "route:",
                    "  receiver: hook");
            ConflictAlert before = TestAlerts.onHost(1).build();
            ConflictAlert after = TestAlerts.onHost(2).build();
            try (RunningRouter router = start(fixture, routes, Map.of(), "undecodable")) {
                fixture.publish(List.of(before));
                try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
                    for (int partition = 0; partition < RouterFixture.PARTITIONS; partition++) {
                        producer.send(new ProducerRecord<>(fixture.topics().alerts().name(), partition, "garbage", "not avro".getBytes())).get();
                    }
                }
                fixture.publish(List.of(after));
                fixture.awaitAllCommitted("undecodable");
                assertTrue(router.isRunning());
            }
            Set<String> hosts = new HashSet<>();
            for (WebhookServer.Request request : hook.requests()) {
                json(request).get("alerts").forEach(alert -> hosts.add(alert.get("hostname").asText()));
            }
            assertEquals(Set.of("ws-1", "ws-2"), hosts);
        }
    }

    @Test
    void settledNotificationsAreForgottenOnceTheirAlertsAreCommitted() throws Exception {
        RouterFixture fixture = fixtures.create("forget.");
        try (WebhookServer hook = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "'}",
                    "route:",
                    "  receiver: hook");
            try (RunningRouter router = start(fixture, routes, Map.of(), "forget")) {
                fixture.publish(List.of(TestAlerts.onHost(1).setRuleId("a").build(), TestAlerts.onHost(2).setRuleId("b").build()));
                fixture.awaitAllCommitted("forget");
            }
            Set<String> posted = new HashSet<>();
            for (WebhookServer.Request request : hook.requests()) {
                posted.add(request.header("Idempotency-Key"));
            }
            assertEquals(2, posted.size());
            try (RunningRouter router = start(fixture, routes, Map.of(), "forget")) {
                // its start reads the log and tombstones what no record still to be read refers to
                List<ConsumerRecord<String, AlertNotification>> log = kafka.readUntil(fixture.topics().routerDeliveries().name(),
                        fixture.topics().routerDeliveries().keySerde().deserializer(),
                        fixture.topics().routerDeliveries().valueSerde().deserializer(),
                        read -> read.stream().filter(r -> r.value() == null).count() >= 2);
                Map<String, List<String>> phases = new HashMap<>();
                for (ConsumerRecord<String, AlertNotification> record : log) {
                    phases.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(record.value() == null ? "tombstone" : record.value().getPhase().name());
                }
                assertEquals(posted, phases.keySet());
                phases.values().forEach(history -> assertEquals(List.of("INTENT", "DELIVERED", "tombstone"), history));
            }
        }
    }
}
