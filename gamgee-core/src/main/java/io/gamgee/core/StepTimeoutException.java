package io.gamgee.core;

import java.time.Duration;

/**
 * A step ran longer than its timeout ({@code timeoutMs} on its self-arrow, else the worker's step
 * timeout). The attempt counts as failed: the step is retried after its backoff or, on its last
 * attempt, the instance becomes unrecoverable with this error. The step's thread is interrupted and
 * whatever the step returns later is discarded.
 */
public final class StepTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /** A timeout of {@code step} of {@code instanceId} after {@code timeout}. */
    public StepTimeoutException(String instanceId, String step, Duration timeout) {
        super("step " + step + " of instance " + instanceId + " ran longer than its timeout of "
                + timeout.toMillis() + " ms; its thread was interrupted and a late result will be discarded");
        this.timeout = timeout;
    }

    /** The timeout the step exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
