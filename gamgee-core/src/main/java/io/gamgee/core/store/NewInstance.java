package io.gamgee.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link StateStore#insert(NewInstance)} stores: a {@link InstanceStatus#WAITING} instance at
 * its first step, attempts 0, version 0, no lease.
 *
 * @param instanceId unique id
 * @param workflowType the workflow type
 * @param step the first step
 * @param payload the first step's payload as JSON
 * @param runAfter not claimed before this time
 * @param traceContext W3C trace context of the submitter (text form), or {@code null}
 * @param diagramHash the submitting definition's hash
 * @param createdAt submit time
 */
public record NewInstance(
        String instanceId,
        String workflowType,
        String step,
        String payload,
        Instant runAfter,
        String traceContext,
        String diagramHash,
        Instant createdAt) {

    public NewInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The instance as {@link StateStore#insert} stores it: waiting, attempts 0, version 0, no
     * error, and leased to {@code leaseOwner} until {@code leaseUntil} (both {@code null} for an
     * unclaimed insert).
     */
    public WorkflowInstance toInstance(String leaseOwner, Instant leaseUntil) {
        return new WorkflowInstance(instanceId, workflowType, step, payload, InstanceStatus.WAITING, 0, runAfter,
                leaseOwner, leaseUntil, traceContext, diagramHash, 0, createdAt, createdAt, null);
    }
}
