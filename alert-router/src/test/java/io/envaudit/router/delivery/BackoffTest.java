package io.envaudit.router.delivery;

import io.envaudit.router.config.Retry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private final Backoff backoff = new Backoff(new Retry(10, Duration.ofSeconds(1), Duration.ofSeconds(30)), new SplittableRandom(7));

    @Test
    void theWaitDoublesPerFailureUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(1), backoff.exponential(1));
        assertEquals(Duration.ofSeconds(2), backoff.exponential(2));
        assertEquals(Duration.ofSeconds(16), backoff.exponential(5));
        assertEquals(Duration.ofSeconds(30), backoff.exponential(6));
        assertEquals(Duration.ofSeconds(30), backoff.exponential(60));
    }

    @Test
    void jitterKeepsEachWaitBetweenHalfAndAllOfIt() {
        boolean varied = false;
        Duration first = backoff.delay(4, Optional.empty());
        for (int i = 0; i < 1000; i++) {
            Duration delay = backoff.delay(4, Optional.empty());
            assertTrue(delay.compareTo(Duration.ofSeconds(4)) >= 0 && delay.compareTo(Duration.ofSeconds(8)) <= 0, delay.toString());
            varied |= !delay.equals(first);
        }
        assertTrue(varied, "the waits differ");
    }

    @Test
    void retryAfterWinsButNotBeyondAnHour() {
        assertEquals(Duration.ofSeconds(45), backoff.delay(1, Optional.of(Duration.ofSeconds(45))));
        assertEquals(Backoff.LONGEST_RETRY_AFTER, backoff.delay(1, Optional.of(Duration.ofDays(2))));
    }
}
