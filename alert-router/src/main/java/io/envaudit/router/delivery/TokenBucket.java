package io.envaudit.router.delivery;

import io.envaudit.router.config.RateLimit;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A receiver's rate limit: a bucket of {@code messages} tokens, one taken per post, refilled one per
 * {@code period / messages}. Used by one lane thread at a time.
 */
final class TokenBucket {
    private final long capacity;
    private final long refillNanos;
    private final LongSupplier nanoClock;
    /** The instant (nanoTime) at which the bucket would be full again; tokens = capacity - debt. */
    private long fullAt;

    TokenBucket(RateLimit limit, LongSupplier nanoClock) {
        this.capacity = limit.messages();
        this.refillNanos = limit.interval().toNanos();
        this.nanoClock = nanoClock;
        this.fullAt = nanoClock.getAsLong();
    }

    /**
     * Takes a token, going into debt if there is none: the wait before the post may go. Each call reserves
     * its own slot, so posts are spread evenly once the burst is spent.
     */
    Duration take() {
        long now = nanoClock.getAsLong();
        long start = Math.max(fullAt, now);
        fullAt = start + refillNanos;
        long emptyAt = fullAt - capacity * refillNanos; // before this instant a token was available
        return Duration.ofNanos(Math.max(0, emptyAt - now));
    }
}
