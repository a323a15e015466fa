package io.envaudit.router.delivery;

import java.time.Duration;
import java.util.Optional;

/** What one POST to a receiver came to. Every reason is safe to log: it never holds the URL or a token. */
public sealed interface PostResult {

    /** A 2xx answer: the receiver has the message. */
    record Delivered(int status) implements PostResult {
    }

    /**
     * Worth trying again: a 429 (with the wait its {@code Retry-After} asks for, if it says), a 5xx, a 408,
     * a timeout, a connection refused or reset.
     */
    record Retry(String reason, Optional<Duration> retryAfter) implements PostResult {
    }

    /** Another 4xx, or a redirect: the receiver's configuration is wrong and trying again will not help. */
    record Rejected(String reason) implements PostResult {
    }
}
