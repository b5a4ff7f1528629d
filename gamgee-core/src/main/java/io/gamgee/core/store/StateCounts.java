package io.gamgee.core.store;

import java.util.Objects;

/**
 * How many instances of one workflow type stand at one state, by what they are doing there, as
 * {@link StateStore#stateCounts} reports them. Branches of forks count at the state they stand at,
 * an instance waiting for its branches at its join.
 *
 * @param state a step, join or wait of the diagram
 * @param waiting {@link InstanceStatus#WAITING}, not leased, not failed before: due now or later
 *     (at a wait: waiting for an event or its timer)
 * @param running {@link InstanceStatus#WAITING} and leased: a worker runs the step
 * @param retrying {@link InstanceStatus#WAITING}, not leased, failed before: a retry is scheduled
 * @param unrecoverable {@link InstanceStatus#UNRECOVERABLE} here
 * @param completedSince {@link InstanceStatus#COMPLETED} here (the last state they ran) since the
 *     time the caller asked about
 */
public record StateCounts(String state, long waiting, long running, long retrying, long unrecoverable,
        long completedSince) {

    public StateCounts {
        Objects.requireNonNull(state, "state");
    }

    /** Every instance at this state that has not finished. */
    public long active() {
        return waiting + running + retrying + unrecoverable;
    }
}
