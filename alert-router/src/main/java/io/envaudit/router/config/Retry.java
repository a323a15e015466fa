package io.envaudit.router.config;

import java.time.Duration;

/**
 * The retry budget of one notification: at most {@code attempts} posts, waiting between them an
 * exponentially growing time (from {@code initialBackoff}, doubling, capped at {@code maxBackoff}) with
 * jitter, or what a {@code 429}'s {@code Retry-After} asks for.
 */
public record Retry(int attempts, Duration initialBackoff, Duration maxBackoff) {
}
