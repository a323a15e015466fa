package io.envaudit.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.loop.RouterState;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two routers in one consumer group on the real broker, sharing the partitions of the alerts topic: every
 * alert is notified once across both, also when one stops midway and the rebalance hands its partitions,
 * with what it left undone, to the other. Each router posts to a URL of its own (the same routes file, a
 * different variable), so that the receiver can tell who sent what.
 */
class RouterGroupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ALERTS = 200;

    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    Path dir;

    private static RunningRouter start(RouterFixture fixture, Path routes, String hookUrl) throws Exception {
        return AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, Map.of("HOOK_URL", hookUrl)),
                RouterSettings.defaults().withGroupId("pair").withEnvironment(Map.of()));
    }

    /** Polls until the condition holds; fails, naming it, after {@link KafkaBroker#WAIT}. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + KafkaBroker.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + KafkaBroker.WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static boolean routes(RunningRouter router, int partitions) {
        RouterState state = router.state();
        return state.routing() && state.partitions().size() == partitions;
    }

    /** The environments of the alerts in the posts to {@code path}, each as often as it was posted. */
    private static List<String> environments(List<WebhookServer.Request> requests, String path) throws Exception {
        List<String> environments = new ArrayList<>();
        for (WebhookServer.Request request : requests) {
            if (request.path().equals(path)) {
                for (JsonNode alert : JSON.readTree(request.body()).get("alerts")) {
                    environments.add(alert.get("environment_id").asText());
                }
            }
        }
        return environments;
    }

    @Test
    void everyAlertIsNotifiedOnceAcrossTheGroupAlsoWhenOneRouterStopsMidway() throws Exception {
        RouterFixture fixture = fixtures.create("pair.");
        List<ConflictAlert> alerts = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            alerts.add(TestAlerts.onHost(i).setRuleId("numpy-abi").build());
        }
        try (WebhookServer hook = WebhookServer.start()) {
            // small batches, spread by the rate limit: each router has many posts to make, one at a time
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 1s",
                    "receivers:",
                    "  - {name: hook, type: webhook, url_env: HOOK_URL, batch_size: 5, rate_limit: 4/s}",
                    "route:",
                    "  receiver: hook");
            Set<Integer> partitionsOfB;
            List<Integer> partitionOf;
            try (RunningRouter a = start(fixture, routes, hook.url("/from-a").toString())) {
                try (RunningRouter b = start(fixture, routes, hook.url("/from-b").toString())) {
                    await("each router routes two of the four partitions", () -> routes(a, 2) && routes(b, 2));
                    partitionsOfB = Set.copyOf(b.state().partitions());
                    partitionOf = fixture.publish(alerts);
                    hook.awaitRequests(requests -> requests.stream().anyMatch(r -> r.path().equals("/from-b")));
                } // b stops midway: what it has not delivered is dropped, and its partitions go to a
                await("the remaining router routes all four partitions", () -> routes(a, RouterFixture.PARTITIONS));
                fixture.awaitAllCommitted("pair");
            }

            List<WebhookServer.Request> requests = hook.requests();
            Map<String, Integer> timesNotified = new HashMap<>();
            for (String path : List.of("/from-a", "/from-b")) {
                environments(requests, path).forEach(environment -> timesNotified.merge(environment, 1, Integer::sum));
            }
            assertEquals(ALERTS, timesNotified.size(), "every alert was notified");
            timesNotified.forEach((environment, times) -> assertEquals(1, times, environment + " was notified " + times + " times"));

            Set<String> onPartitionsOfB = new HashSet<>();
            for (int i = 0; i < ALERTS; i++) {
                if (partitionsOfB.contains(partitionOf.get(i))) {
                    onPartitionsOfB.add(alerts.get(i).getEnvironmentId());
                }
            }
            Set<String> postedByB = Set.copyOf(environments(requests, "/from-b"));
            assertTrue(onPartitionsOfB.containsAll(postedByB), "b posted the alerts of its own partitions only");
            assertTrue(postedByB.size() < onPartitionsOfB.size(), "b stopped midway: " + postedByB.size() + " of the "
                    + onPartitionsOfB.size() + " alerts of its partitions were posted by it, the rest by a");
        }
    }
}
