package io.gamgee.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One executed step, written to the history in the same transaction as the transition it caused.
 *
 * @param instanceId the instance
 * @param step the step that ran
 * @param attempt 1 for the first try of the step, 2 for the first retry, …
 * @param workerId the worker that ran it
 * @param startedAt when the step began
 * @param finishedAt when the step ended
 * @param outcome what the transition did
 * @param nextStep the step advanced to ({@link Outcome#ADVANCED} only), else {@code null}
 * @param error the error's class and message for failed outcomes, else {@code null}
 */
public record StepRecord(
        String instanceId,
        String step,
        int attempt,
        String workerId,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        String nextStep,
        String error) {

    public StepRecord {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What a step execution led to. */
    public enum Outcome {
        /** Moved on to {@code nextStep}. */
        ADVANCED,
        /** The workflow ended. */
        COMPLETED,
        /** Failed; will be tried again after a backoff. */
        RETRY_SCHEDULED,
        /** Failed for the last time, or could not run at all. */
        UNRECOVERABLE
    }
}
