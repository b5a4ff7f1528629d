package io.gamgee.core.definition;

import java.time.Duration;

/**
 * How often a step is tried and how long to wait between tries, as written on the step's
 * self-arrow in the diagram ({@code s --> s: attempts=3\nbackoffMs=500}).
 *
 * <p>The delay before try {@code n + 1} is drawn uniformly from {@code [0, backoffMs × 2^(n−1))}
 * ("full jitter"), capped by the worker's maximum backoff.
 *
 * @param attempts how many times the step runs before the instance becomes unrecoverable (≥ 1)
 * @param backoffMs the base delay in milliseconds (≥ 1)
 */
public record RetryPolicy(int attempts, long backoffMs) {

    /** One attempt, 1000 ms base backoff: what a step without a self-arrow gets. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(1, 1000);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoffMs < 1) {
            throw new IllegalArgumentException("backoffMs must be at least 1, was " + backoffMs);
        }
    }

    /** Shorthand for {@code new RetryPolicy(attempts, backoffMs)}. */
    public static RetryPolicy of(int attempts, long backoffMs) {
        return new RetryPolicy(attempts, backoffMs);
    }

    /** The base backoff as a duration. */
    public Duration backoff() {
        return Duration.ofMillis(backoffMs);
    }
}
