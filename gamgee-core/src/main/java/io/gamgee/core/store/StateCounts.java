package io.gamgee.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Counts {@code instances} by state as {@link StateStore#stateCounts} reports them, for stores
     * that count what they hold in memory.
     */
    public static List<StateCounts> tally(Iterable<WorkflowInstance> instances, Instant now, Instant completedSince) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (WorkflowInstance instance : instances) {
            long[] c = counts.computeIfAbsent(instance.step(), step -> new long[5]);
            switch (instance.status()) {
                case WAITING -> c[instance.isLeased(now) ? 1 : instance.attempts() > 0 ? 2 : 0]++;
                case UNRECOVERABLE -> c[3]++;
                case COMPLETED -> c[4] += instance.updatedAt().isBefore(completedSince) ? 0 : 1;
                default -> {
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> new StateCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3], e.getValue()[4]))
                .toList();
    }

    /** Every instance at this state that has not finished. */
    public long active() {
        return waiting + running + retrying + unrecoverable;
    }
}
