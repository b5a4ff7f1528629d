package io.gamgee.compiler.graph;

/**
 * How often a step runs, the base backoff between runs and how long one run may take, from its
 * self-arrow.
 *
 * @param attempts at least 1
 * @param backoffMs at least 1
 * @param timeoutMs at least 1, or 0 when the diagram gives none and the worker's default applies
 */
public record Retry(int attempts, long backoffMs, long timeoutMs) {

    /** What a step without a self-arrow gets; matches the runtime's {@code RetryPolicy.DEFAULT}. */
    public static final Retry DEFAULT = new Retry(1, 1000, 0);

    /** Whether the diagram gives the step its own timeout. */
    public boolean hasTimeout() {
        return timeoutMs > 0;
    }
}
