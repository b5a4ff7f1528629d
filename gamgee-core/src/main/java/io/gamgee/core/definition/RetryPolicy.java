package io.gamgee.core.definition;

import java.time.Duration;
import java.util.Optional;

/**
 * How often a step is tried, how long to wait between tries and how long one try may run, as
 * written on the step's self-arrow in the diagram ({@code s --> s: attempts=3\nbackoffMs=500\ntimeoutMs=10000}).
 *
 * <p>The delay before try {@code n + 1} is drawn uniformly from {@code [0, backoffMs × 2^(n−1))}
 * ("full jitter"), capped by the worker's maximum backoff.
 *
 * <p>A try that runs longer than its timeout counts as a failed attempt: the worker writes the
 * failure (a retry or, on the last attempt, unrecoverable), stops renewing the lease and interrupts
 * the step's thread; whatever the step returns later is discarded.
 *
 * @param attempts how many times the step runs before the instance becomes unrecoverable (≥ 1)
 * @param backoffMs the base delay in milliseconds (≥ 1)
 * @param timeoutMs how long one try may run, in milliseconds (≥ 1), or 0 for the worker's default
 *     (see {@code WorkflowWorker.Builder.stepTimeout})
 */
public record RetryPolicy(int attempts, long backoffMs, long timeoutMs) {

    /** One attempt, 1000 ms base backoff, the worker's timeout: what a step without a self-arrow gets. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(1, 1000);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoffMs < 1) {
            throw new IllegalArgumentException("backoffMs must be at least 1, was " + backoffMs);
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("timeoutMs must be at least 1 (or 0 for the worker's default), was "
                    + timeoutMs);
        }
    }

    /** A policy that leaves the timeout to the worker's default. */
    public RetryPolicy(int attempts, long backoffMs) {
        this(attempts, backoffMs, 0);
    }

    /** Shorthand for {@code new RetryPolicy(attempts, backoffMs)}: the worker's default timeout. */
    public static RetryPolicy of(int attempts, long backoffMs) {
        return new RetryPolicy(attempts, backoffMs);
    }

    /** Shorthand for {@code new RetryPolicy(attempts, backoffMs, timeoutMs)}. */
    public static RetryPolicy of(int attempts, long backoffMs, long timeoutMs) {
        return new RetryPolicy(attempts, backoffMs, timeoutMs);
    }

    /** The step's own timeout, or empty when the worker's default applies. */
    public Optional<Duration> timeout() {
        return timeoutMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(timeoutMs));
    }
}
