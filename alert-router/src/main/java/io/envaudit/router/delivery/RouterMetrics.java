package io.envaudit.router.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * What the router counts, per receiver (by name: never its URL). In Prometheus' names:
 * {@code envaudit_router_notifications_sent_total}, {@code envaudit_router_notifications_retried_total}
 * (attempts that failed and were tried again), {@code envaudit_router_notifications_failed_total} with
 * {@code outcome} = {@code refused} (a configuration error) or {@code exhausted} (the retry budget spent),
 * and {@code envaudit_router_delivery_latency_seconds}: from a notification's making (its group's window
 * closed) to the receiver's acknowledgement, rate-limit waits and retries included.
 */
public final class RouterMetrics {
    public static final String SENT = "envaudit.router.notifications.sent";
    public static final String RETRIED = "envaudit.router.notifications.retried";
    public static final String FAILED = "envaudit.router.notifications.failed";
    public static final String LATENCY = "envaudit.router.delivery.latency";

    private final MeterRegistry registry;

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(String receiver, Duration latency) {
        Counter.builder(SENT).description("Notifications the receiver took").tag("receiver", receiver).register(registry).increment();
        Timer.builder(LATENCY).description("From a notification's making to the receiver's acknowledgement")
                .tag("receiver", receiver).register(registry).record(latency);
    }

    void retried(String receiver) {
        Counter.builder(RETRIED).description("Posts that failed and were tried again").tag("receiver", receiver).register(registry)
                .increment();
    }

    void failed(String receiver, String outcome) {
        Counter.builder(FAILED).description("Notifications put in the dead-letter topic").tag("receiver", receiver)
                .tag("outcome", outcome).register(registry).increment();
    }
}
