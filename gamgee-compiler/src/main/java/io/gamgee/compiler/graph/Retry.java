package io.gamgee.compiler.graph;

/**
 * How often a step runs and the base backoff between runs, from its self-arrow.
 *
 * @param attempts at least 1
 * @param backoffMs at least 1
 */
public record Retry(int attempts, long backoffMs) {

    /** What a step without a self-arrow gets; matches the runtime's {@code RetryPolicy.DEFAULT}. */
    public static final Retry DEFAULT = new Retry(1, 1000);
}
