package io.envaudit.router.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What the router counts, per receiver (by name: never its URL). In Prometheus' names:
 * {@code envaudit_router_notifications_sent_total}, {@code envaudit_router_notifications_retried_total}
 * (attempts that failed and were tried again), {@code envaudit_router_notifications_failed_total} with
 * {@code outcome} = {@code refused} (a configuration error) or {@code exhausted} (the retry budget spent),
 * and the histogram {@code envaudit_router_delivery_latency_seconds}: from a notification's making (its
 * group's window closed) to the receiver's acknowledgement, rate-limit waits and retries included.
 * Every series of every receiver exists from the start at 0, so that a rate sees a series' first increase.
 */
public final class RouterMetrics {
    public static final String SENT = "envaudit.router.notifications.sent";
    public static final String RETRIED = "envaudit.router.notifications.retried";
    public static final String FAILED = "envaudit.router.notifications.failed";
    public static final String LATENCY = "envaudit.router.delivery.latency";
    public static final String REFUSED = "refused";
    public static final String EXHAUSTED = "exhausted";

    /**
     * The latency histogram's buckets, fixed so that a dashboard and an alert can name them: a post answered at
     * once takes milliseconds; a retried one waits its backoff (1 s, doubling, up to 5 min by default), and a
     * rate-limited receiver's queue adds minutes; over an hour, only {@code +Inf}.
     */
    public static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1));

    private final MeterRegistry registry;

    /** Registers every meter of each of {@code receivers}, at 0. */
    public RouterMetrics(MeterRegistry registry, Collection<String> receivers) {
        this.registry = registry;
        for (String receiver : receivers) {
            sent(receiver);
            latency(receiver);
            retries(receiver);
            failures(receiver, REFUSED);
            failures(receiver, EXHAUSTED);
        }
    }

    void delivered(String receiver, Duration latency) {
        sent(receiver).increment();
        latency(receiver).record(latency);
    }

    void retried(String receiver) {
        retries(receiver).increment();
    }

    void failed(String receiver, String outcome) {
        failures(receiver, outcome).increment();
    }

    // the registry hands back the meter already registered under the same name and tags
    private Counter sent(String receiver) {
        return Counter.builder(SENT).description("Notifications the receiver took").tag("receiver", receiver).register(registry);
    }

    private Timer latency(String receiver) {
        return Timer.builder(LATENCY).description("From a notification's making to the receiver's acknowledgement")
                .tag("receiver", receiver).serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new)).register(registry);
    }

    private Counter retries(String receiver) {
        return Counter.builder(RETRIED).description("Posts that failed and were tried again").tag("receiver", receiver)
                .register(registry);
    }

    private Counter failures(String receiver, String outcome) {
        return Counter.builder(FAILED).description("Notifications put in the dead-letter topic").tag("receiver", receiver)
                .tag("outcome", outcome).register(registry);
    }
}
