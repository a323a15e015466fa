package io.envaudit.router.delivery;

import io.envaudit.router.config.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rate limit on a clock the test moves. */
class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(new RateLimit(3, Duration.ofSeconds(3)), now::get);

    @Test
    void aBurstGoesAtOnceThenOnePerInterval() {
        assertEquals(Duration.ZERO, bucket.take());
        assertEquals(Duration.ZERO, bucket.take());
        assertEquals(Duration.ZERO, bucket.take());
        assertEquals(Duration.ofSeconds(1), bucket.take());
        assertEquals(Duration.ofSeconds(2), bucket.take(), "each wait is reserved: the next comes one interval later");
    }

    @Test
    void tokensComeBackWithTime() {
        for (int i = 0; i < 3; i++) {
            bucket.take();
        }
        now.addAndGet(Duration.ofMillis(1500).toNanos());
        assertEquals(Duration.ZERO, bucket.take(), "one token came back after a second");
        assertEquals(Duration.ofMillis(500), bucket.take());
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, bucket.take(), "the bucket holds no more than its size");
        }
        assertEquals(Duration.ofSeconds(1), bucket.take());
    }
}
