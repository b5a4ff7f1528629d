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
        ErrorInfo lastError) {

    public WorkflowInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAfter, "runAfter");
    }

    /** Whether a worker holds an unexpired lease at {@code now}. */
    public boolean isLeased(Instant now) {
        return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
