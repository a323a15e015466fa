package io.envaudit.router.delivery;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouterMetricsTest {

    @Test
    void everySeriesOfEveryReceiverIsThereAtZeroBeforeAnythingHappens() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RouterMetrics(registry, List.of("chat", "pager"));

        for (String receiver : List.of("chat", "pager")) {
            assertEquals(0, registry.get(RouterMetrics.SENT).tag("receiver", receiver).counter().count());
            assertEquals(0, registry.get(RouterMetrics.RETRIED).tag("receiver", receiver).counter().count());
            assertEquals(0, registry.get(RouterMetrics.FAILED).tags("receiver", receiver, "outcome", RouterMetrics.REFUSED).counter().count());
            assertEquals(0, registry.get(RouterMetrics.FAILED).tags("receiver", receiver, "outcome", RouterMetrics.EXHAUSTED).counter().count());
            assertEquals(0, registry.get(RouterMetrics.LATENCY).tag("receiver", receiver).timer().count());
        }
        assertEquals(4, registry.find(RouterMetrics.FAILED).counters().size(), "two outcomes for each of two receivers, no more");
    }

    @Test
    void eachEventCountsForItsReceiverOnly() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterMetrics metrics = new RouterMetrics(registry, List.of("chat", "pager"));

        metrics.retried("chat");
        metrics.retried("chat");
        metrics.delivered("chat", Duration.ofSeconds(3));
        metrics.failed("pager", RouterMetrics.EXHAUSTED);

        assertEquals(2, registry.get(RouterMetrics.RETRIED).tag("receiver", "chat").counter().count());
        assertEquals(1, registry.get(RouterMetrics.SENT).tag("receiver", "chat").counter().count());
        assertEquals(0, registry.get(RouterMetrics.SENT).tag("receiver", "pager").counter().count());
        assertEquals(1, registry.get(RouterMetrics.FAILED).tags("receiver", "pager", "outcome", RouterMetrics.EXHAUSTED).counter().count());
        assertEquals(0, registry.get(RouterMetrics.FAILED).tags("receiver", "pager", "outcome", RouterMetrics.REFUSED).counter().count());
    }

    @Test
    void theLatencyIsAHistogramWithTheFixedBuckets() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterMetrics metrics = new RouterMetrics(registry, List.of("chat"));

        metrics.delivered("chat", Duration.ofMillis(40));
        metrics.delivered("chat", Duration.ofMillis(700));
        metrics.delivered("chat", Duration.ofMinutes(4));

        Timer latency = registry.get(RouterMetrics.LATENCY).tag("receiver", "chat").timer();
        CountAtBucket[] buckets = latency.takeSnapshot().histogramCounts();
        assertEquals(RouterMetrics.LATENCY_BUCKETS.stream().map(Duration::toNanos).toList(),
                Arrays.stream(buckets).map(bucket -> (long) bucket.bucket(TimeUnit.NANOSECONDS)).toList());
        // cumulative, as Prometheus' le buckets are
        assertEquals(1, count(buckets, Duration.ofMillis(100)));
        assertEquals(1, count(buckets, Duration.ofMillis(500)));
        assertEquals(2, count(buckets, Duration.ofSeconds(1)));
        assertEquals(2, count(buckets, Duration.ofMinutes(2)));
        assertEquals(3, count(buckets, Duration.ofMinutes(5)));
        assertEquals(3, count(buckets, Duration.ofHours(1)));
    }

    private static double count(CountAtBucket[] buckets, Duration upperBound) {
        return Arrays.stream(buckets).filter(bucket -> (long) bucket.bucket(TimeUnit.NANOSECONDS) == upperBound.toNanos())
                .findFirst().orElseThrow().count();
    }
}
