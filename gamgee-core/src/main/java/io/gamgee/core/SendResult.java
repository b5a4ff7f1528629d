package io.gamgee.core;

/** What {@link WorkflowClient#send} did with an event. */
public enum SendResult {
    /** The instance waited for it: it moved on to the event's step. */
    DELIVERED,
    /**
     * The instance is not at a wait for it yet (its earlier steps still run): the event is kept,
     * durably, and moves the instance on when it reaches such a wait.
     */
    QUEUED,
    /** An event with the same id was sent to this instance before: nothing changed. */
    DUPLICATE,
    /** The instance has finished (completed, cancelled or unrecoverable): the event was not kept. */
    FINISHED,
    /** No instance has this id: the event was not kept. */
    UNKNOWN_INSTANCE,
    /** The instance is of another workflow type than the event's: the event was not kept. */
    WRONG_WORKFLOW
}
