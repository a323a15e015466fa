package io.envaudit.router.delivery;

import java.time.Duration;
import java.util.Optional;

/** What one POST to a receiver came to. Every reason is safe to log: it never holds the URL or a token. */
public sealed interface PostResult {

    /** Not delivered, and why. */
    sealed interface Failure extends PostResult {
        String reason();
    }

    /** A 2xx answer: the receiver has the message. */
    record Delivered(int status) implements PostResult {
    }

    /**
     * Worth trying again: a 429 (with the wait its {@code Retry-After} asks for, if it says), a 5xx, a 408,
     * a timeout, a connection refused or reset (also during the TLS handshake).
     */
    record Retry(String reason, Optional<Duration> retryAfter) implements Failure {
    }

    /**
     * Another 4xx, a redirect, or a TLS certificate not accepted (by the receiver's CA file, or else the JVM's
     * trust store): the receiver's configuration (or the router's trust) is wrong and trying again will not help.
     */
    record Rejected(String reason) implements Failure {
    }
}
