package io.envaudit.router;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * How a router runs, beyond its routes.
 *
 * @param groupId        its consumer group, which also marks its records in the delivery log: routers with
 *                       different groups route independently
 * @param environment    where the proxy variables are read ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 *                       {@code NO_PROXY})
 * @param maxWaiting     alert records waiting for delivery beyond which reading pauses
 * @param logReadTimeout how long reading the delivery log at a start or rebalance may take
 * @param meters         where the router's meters go ({@code RouterMetrics}); none are kept by default
 */
public record RouterSettings(String groupId, Map<String, String> environment, int maxWaiting, Duration logReadTimeout,
                             MeterRegistry meters) {
    public static final String DEFAULT_GROUP_ID = "envaudit-router";

    public RouterSettings {
        environment = Map.copyOf(environment);
    }

    /** Group {@code envaudit-router}, the process's environment, 100,000 records, 60 s, meters dropped. */
    public static RouterSettings defaults() {
        return new RouterSettings(DEFAULT_GROUP_ID, System.getenv(), 100_000, Duration.ofSeconds(60), new CompositeMeterRegistry());
    }

    public RouterSettings withGroupId(String groupId) {
        return new RouterSettings(groupId, environment, maxWaiting, logReadTimeout, meters);
    }

    public RouterSettings withEnvironment(Map<String, String> environment) {
        return new RouterSettings(groupId, environment, maxWaiting, logReadTimeout, meters);
    }

    public RouterSettings withMeters(MeterRegistry meters) {
        return new RouterSettings(groupId, environment, maxWaiting, logReadTimeout, meters);
    }
}
