package io.envaudit.router.config;

import java.time.Duration;

/**
 * At most {@code messages} per {@code period} to one receiver, as a token bucket: a burst of up to
 * {@code messages} goes at once, then one more each {@code period / messages}.
 */
public record RateLimit(int messages, Duration period) {

    /** The time one message's token takes to come back. */
    public Duration interval() {
        return period.dividedBy(messages);
    }
}
