package io.envaudit.router;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.WebhookServer.Reply;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.wire.SchemaRegistryTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash docs/router.md costs at one repeated message: a router killed (SIGKILL) after its post reached
 * the receiver and before it could record the delivery. The router runs in a JVM of its own, and the
 * receiver holds its answer until the JVM is dead, so the crash falls exactly between post and record.
 */
class RouterCrashIT {
    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    Path dir;

    private static List<ConflictAlert> alerts(int count) {
        List<ConflictAlert> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(TestAlerts.onHost(i).build());
        }
        return alerts;
    }

    @Test
    void aCrashBetweenThePostAndItsRecordCostsExactlyOneRepeatOfTheSameMessage() throws Exception {
        RouterFixture fixture = fixtures.create("crash.");
        CountDownLatch afterTheCrash = new CountDownLatch(1);
        try (WebhookServer slack = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 1s",
                    "receivers:",
                    "  - {name: slack, type: slack, url_env: SLACK_URL}",
                    "route:",
                    "  receiver: slack");
            Map<String, String> environment = Map.of("SLACK_URL", slack.url("/services/T/B/X").toString());
            slack.script(Reply.hang(afterTheCrash));
            RouterJvm router = RouterJvm.start(kafka, "crash.", routes, "crash", environment, List.of());
            try {
                fixture.publish(alerts(5));
                slack.awaitRequests(1); // posted: the receiver has the message and holds its answer
            } finally {
                router.kill();
                afterTheCrash.countDown();
            }

            try (RunningRouter restarted = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, environment),
                    RouterSettings.defaults().withGroupId("crash").withEnvironment(Map.of()))) {
                fixture.awaitAllCommitted("crash");
            }
            List<WebhookServer.Request> requests = slack.requests();
            assertEquals(2, requests.size(), "the message once more, and nothing else");
            assertEquals(requests.get(0).body(), requests.get(1).body(), "the very same message");
            assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(1).header("Idempotency-Key"),
                    "with the same id, so that a receiver can drop it");

            fixture.forgetCommittedOffsets("crash");
            try (RunningRouter again = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, environment),
                    RouterSettings.defaults().withGroupId("crash").withEnvironment(Map.of()))) {
                fixture.awaitAllCommitted("crash");
            }
            assertEquals(2, slack.requests().size(), "the re-post was recorded: a third start posts nothing");
        }
    }

    @Test
    void aMessageInDoubtForAReceiverNoLongerConfiguredGoesToTheDeadLetterTopic() throws Exception {
        RouterFixture fixture = fixtures.create("gone.");
        CountDownLatch afterTheCrash = new CountDownLatch(1);
        try (WebhookServer teams = WebhookServer.start(); WebhookServer hook = WebhookServer.start()) {
            Path before = RouterFixture.routesFile(dir,
                    "group_window: 1s",
                    "receivers:",
                    "  - {name: old-teams, type: teams, url_env: TEAMS_URL}",
                    "route:",
                    "  receiver: old-teams");
            teams.script(Reply.hang(afterTheCrash));
            RouterJvm router = RouterJvm.start(kafka, "gone.", before, "gone", Map.of("TEAMS_URL", teams.url("/workflows/1").toString()),
                    List.of());
            try {
                fixture.publish(alerts(3));
                teams.awaitRequests(1);
            } finally {
                router.kill();
                afterTheCrash.countDown();
            }

            Path after = RouterFixture.routesFile(dir,
                    "group_window: 1s",
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "'}",
                    "route:",
                    "  receiver: hook",
                    "  routes:",
                    "    - match: {team: nobody}",
                    "      receiver: hook");
            try (RunningRouter restarted = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(after, Map.of()),
                    RouterSettings.defaults().withGroupId("gone").withEnvironment(Map.of()))) {
                fixture.awaitAllCommitted("gone");
            }
            AlertNotification dead = fixture.deadLettersUntil(read -> !read.isEmpty()).get(0);
            assertEquals("old-teams", dead.getReceiver());
            assertTrue(dead.getReason().startsWith("receiver 'old-teams' is no longer in " + after), dead.getReason());
            assertEquals(teams.requests().get(0).body(), dead.getPayload());
            assertEquals(1, hook.requests().size(), "the alerts themselves go where the routes now say");
        }
    }
}
