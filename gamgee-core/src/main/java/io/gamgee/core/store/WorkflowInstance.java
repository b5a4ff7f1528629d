package io.gamgee.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one stored workflow instance (one row).
 *
 * @param instanceId unique id, chosen at submit
 * @param workflowType the workflow type
 * @param step the step to run next (for a completed instance: the last step run)
 * @param payload the step's payload as JSON
 * @param status where the instance stands
 * @param attempts failed attempts of the current step so far (0 when the step has not failed)
 * @param runAfter the step is not claimed before this time
 * @param leaseOwner the worker holding the lease, or {@code null}
 * @param leaseUntil when the lease expires, or {@code null}
 * @param traceContext W3C trace context carried from the submitter (text form), or {@code null}
 * @param diagramHash the hash of the definition the instance was submitted (or last advanced) under
 * @param version incremented by exactly one on every write; guards all transitions
 * @param createdAt when it was submitted
 * @param updatedAt when it was last written
 * @param lastError the last step error, or {@code null}
 * @param parentId for a branch of a fork, the instance that forked it (which waits at the fork's
 *     join); {@code null} for a workflow instance
 * @param pendingBranches for an instance waiting at a join, above 0 until its last branch has
 *     settled (finished or become unrecoverable): the number of branches not settled yet, or, in a
 *     store that does not count them down, the number it forked; 0 otherwise. While it is above 0
 *     the instance is not due, except for a store's re-check ({@link StateStore#checkJoin}).
 */
public record WorkflowInstance(
        String instanceId,
        String workflowType,
        String step,
        String payload,
        InstanceStatus status,
        int attempts,
        Instant runAfter,
        String leaseOwner,
        Instant leaseUntil,
        String traceContext,
        String diagramHash,
        long version,
        Instant createdAt,
        Instant updatedAt,
        ErrorInfo lastError,
        String parentId,
        int pendingBranches) {

    /** An instance that is neither a branch nor waiting for branches. */
    public WorkflowInstance(String instanceId, String workflowType, String step, String payload, InstanceStatus status,
            int attempts, Instant runAfter, String leaseOwner, Instant leaseUntil, String traceContext,
            String diagramHash, long version, Instant createdAt, Instant updatedAt, ErrorInfo lastError) {
        this(instanceId, workflowType, step, payload, status, attempts, runAfter, leaseOwner, leaseUntil, traceContext,
                diagramHash, version, createdAt, updatedAt, lastError, null, 0);
    }

    public WorkflowInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAfter, "runAfter");
    }

    /** Whether this is a branch of a fork rather than a workflow instance of its own. */
    public boolean isBranch() {
        return parentId != null;
    }

    /** Whether a worker holds an unexpired lease at {@code now}. */
    public boolean isLeased(Instant now) {
        return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /**
     * This instance as a store holds it after a write that leased it to {@code owner} until
     * {@code until} (a claim or a renewal): the version one higher, {@code updatedAt} as given.
     */
    public WorkflowInstance leasedTo(String owner, Instant until, Instant updatedAt) {
        return new WorkflowInstance(instanceId, workflowType, step, payload, status, attempts, runAfter, owner, until,
                traceContext, diagramHash, version + 1, createdAt, updatedAt, lastError, parentId, pendingBranches);
    }

    /**
     * This instance as a store holds it after advancing to {@code nextStep} at {@code at}: waiting,
     * attempts 0, due at {@code at}, no error, the version one higher, and leased to {@code owner}
     * until {@code until} (both {@code null} when the lease was given up).
     */
    public WorkflowInstance advancedTo(String nextStep, String nextPayload, String nextDiagramHash,
            String nextTraceContext, Instant at, String owner, Instant until) {
        return new WorkflowInstance(instanceId, workflowType, nextStep, nextPayload, InstanceStatus.WAITING, 0, at,
                owner, until, nextTraceContext, nextDiagramHash, version + 1, createdAt, at, null, parentId, 0);
    }
}
