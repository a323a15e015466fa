package io.envaudit.router.delivery;

import io.envaudit.router.config.Retry;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt: what a {@code Retry-After} asked for when there is one (at
 * most {@link #LONGEST_RETRY_AFTER}), or else the exponential backoff — the initial wait doubled per
 * failed attempt up to the maximum — with "equal jitter": half of it fixed, half random, so that
 * receivers that failed together do not all come back at the same instant.
 */
public final class Backoff {
    /** A Retry-After beyond this is taken as this: a broken header must not park a receiver for days. */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final Retry retry;
    private final RandomGenerator random;

    public Backoff(Retry retry, RandomGenerator random) {
        this.retry = retry;
        this.random = random;
    }

    /** @param failedAttempts how many attempts have failed so far, from 1 */
    public Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
        }
        long ceiling = exponential(failedAttempts).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }

    /** The initial backoff doubled {@code failedAttempts - 1} times, at most the maximum. */
    Duration exponential(int failedAttempts) {
        Duration delay = retry.initialBackoff();
        for (int i = 1; i < failedAttempts && delay.compareTo(retry.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : delay;
    }
}
