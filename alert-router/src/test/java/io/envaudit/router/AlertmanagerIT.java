package io.envaudit.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.wire.SchemaRegistryTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router and a real Prometheus Alertmanager: what Alertmanager holds, read through its API, and what
 * it sends on, read at a webhook receiver configured in it.
 */
class AlertmanagerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    Path dir;

    @BeforeAll
    static void requireAlertmanager() {
        AlertmanagerProcess.binary();
    }

    private RunningRouter start(RouterFixture fixture, AlertmanagerProcess alertmanager, String refresh, String group) throws Exception {
        Path routes = RouterFixture.routesFile(dir,
                "group_window: 200ms",
                "receivers:",
                "  - {name: am, type: alertmanager, url: '" + alertmanager.url() + "', refresh_interval: " + refresh + "}",
                "route:",
                "  receiver: am");
        RoutesConfig config = RoutesFile.load(routes, Map.of());
        return AlertRouter.start(kafka.clientConfig(), fixture.topics(), config,
                RouterSettings.defaults().withGroupId(group).withEnvironment(Map.of()));
    }

    private static Set<String> hosts(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.get("labels").get("host").asText()).collect(Collectors.toSet());
    }

    @Test
    void firingAlertsAreListedAndResolvedOnesAreNot() throws Exception {
        RouterFixture fixture = fixtures.create("am.");
        Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
        try (WebhookServer notified = WebhookServer.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(amDir, notified.url("/am"), Duration.ofMinutes(5));
             RunningRouter router = start(fixture, alertmanager, "1m", "am")) {
            ConflictAlert one = TestAlerts.onHost(1).build();
            fixture.publish(List.of(one, TestAlerts.onHost(2).build(), TestAlerts.onHost(3).build()));
            List<JsonNode> firing = alertmanager.alertsUntil(alerts -> alerts.size() == 3);
            assertEquals(Set.of("ws-1", "ws-2", "ws-3"), hosts(firing), alertmanager.log());
            JsonNode alert = firing.stream().filter(a -> a.get("labels").get("host").asText().equals("ws-1")).findFirst().orElseThrow();
            assertEquals("conda-depends", alert.get("labels").get("alertname").asText());
            assertEquals("ml-vision", alert.get("labels").get("team").asText());
            assertEquals("error", alert.get("labels").get("severity").asText());
            assertEquals("conda install 'keras 2.10.*'", alert.get("annotations").get("fix").asText());
            assertEquals(TestAlerts.FIRST_SEEN, Instant.parse(alert.get("startsAt").asText()));
            assertEquals("active", alert.get("status").get("state").asText());

            fixture.publish(List.of(TestAlerts.resolved(one)));
            List<JsonNode> left = alertmanager.alertsUntil(alerts -> alerts.size() == 2);
            assertEquals(Set.of("ws-2", "ws-3"), hosts(left), "the resolved one is no longer listed");

            // what Alertmanager sent on: the three firing, then, in the group's next notification, ws-1 resolved
            List<WebhookServer.Request> sent = notified.awaitRequests(requests -> resolvedIn(requests).isPresent());
            assertEquals("firing", JSON.readTree(sent.get(0).body()).get("status").asText());
            assertEquals(Set.of("ws-1", "ws-2", "ws-3"), hostsIn(JSON.readTree(sent.get(0).body())));
            JsonNode resolvedAlert = resolvedIn(sent).orElseThrow(() -> new AssertionError("no resolved alert in " + sent));
            assertEquals("ws-1", resolvedAlert.get("labels").get("host").asText());
            assertEquals(TestAlerts.resolved(one).getLastSeen(), Instant.parse(resolvedAlert.get("endsAt").asText()),
                    "it ended when the fix was seen");
        }
    }

    @Test
    void firingAlertsOutliveResolveTimeoutBecauseTheRouterPostsThemAgainAlsoAfterARestart() throws Exception {
        RouterFixture fixture = fixtures.create("refresh.");
        Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
        Duration resolveTimeout = Duration.ofSeconds(3);
        try (WebhookServer notified = WebhookServer.start();
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(amDir, notified.url("/am"), resolveTimeout)) {
            try (RunningRouter router = start(fixture, alertmanager, "500ms", "refresh")) {
                fixture.publish(List.of(TestAlerts.open().build()));
                Instant posted = updatedAt(alertmanager.alertsUntil(alerts -> alerts.size() == 1).get(0));
                Instant beyond = posted.plus(resolveTimeout);
                List<JsonNode> later = alertmanager.alertsUntil(alerts -> alerts.size() != 1 || updatedAt(alerts.get(0)).isAfter(beyond));
                assertEquals(1, later.size(), "still firing");
                assertTrue(updatedAt(later.get(0)).isAfter(beyond), "posted again after its resolve_timeout: " + later);
            }
            Instant restarted = Instant.now();
            try (RunningRouter router = start(fixture, alertmanager, "500ms", "refresh")) {
                List<JsonNode> afterRestart = alertmanager.alertsUntil(alerts -> alerts.size() != 1
                        || updatedAt(alerts.get(0)).isAfter(restarted));
                assertEquals(1, afterRestart.size());
                assertTrue(updatedAt(afterRestart.get(0)).isAfter(restarted),
                        "the restarted router read what it keeps firing back from its topic and posts it again");
            }
        }
    }

    private static Instant updatedAt(JsonNode alert) {
        return Instant.parse(alert.get("updatedAt").asText());
    }

    /** The first alert Alertmanager's notifications report as resolved. */
    private static Optional<JsonNode> resolvedIn(List<WebhookServer.Request> requests) {
        for (WebhookServer.Request request : requests) {
            for (JsonNode alert : read(request.body()).get("alerts")) {
                if (alert.get("status").asText().equals("resolved")) {
                    return Optional.of(alert);
                }
            }
        }
        return Optional.empty();
    }

    private static Set<String> hostsIn(JsonNode notification) {
        Set<String> hosts = new HashSet<>();
        notification.get("alerts").forEach(a -> hosts.add(a.get("labels").get("host").asText()));
        return hosts;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
