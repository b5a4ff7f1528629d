package io.gamgee.core.store;

/** Where a workflow instance stands. A running step is a {@link #WAITING} instance with a live lease. */
public enum InstanceStatus {
    /** Due at {@code runAfter} (or running, while a worker holds its lease). */
    WAITING,
    /** Ended through {@code [*]}. */
    COMPLETED,
    /** A step used up its attempts, its payload could not be decoded, or its step no longer exists. */
    UNRECOVERABLE,
    /** Cancelled by a user; never runs again. */
    CANCELLED
}
