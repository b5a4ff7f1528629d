package io.gamgee.core;

/** What one call of {@link WorkflowWorker} did. */
public enum ExecutionResult {
    /** The workflow reached {@code [*]}. */
    COMPLETED,
    /**
     * A step ran and the workflow moved on: to its next step (single-step execution), or to where
     * it continues later — a wait, a delayed step, a join waiting for its branches, or the end of a
     * branch.
     */
    CONTINUED,
    /** A step failed and will be retried after its backoff, or the claim was lost to another worker. */
    STOPPED,
    /** A step used up its attempts or could not run at all; the instance waits for {@code recoverTasks}. */
    UNRECOVERABLE,
    /** Nothing matching the query was due within the fetch timeout. */
    NO_TASKS_WAITING
}
