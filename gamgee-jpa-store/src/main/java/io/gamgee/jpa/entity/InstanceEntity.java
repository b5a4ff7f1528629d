package io.gamgee.jpa.entity;

import io.gamgee.core.store.InstanceStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One workflow instance: a row of {@code gamgee_instance}. The store writes these rows itself; the
 * entity lets an application query them (dashboards, reports) and documents the schema, which the
 * shipped scripts create. An application that changes a row through JPA takes part in the same
 * optimistic locking as the workers, through {@link #getVersion() version}.
 */
@Entity(name = "GamgeeInstance")
@Table(name = "gamgee_instance", indexes = {
        @Index(name = "gamgee_instance_claim", columnList = "status, workflow_type, claimable_at, instance_id"),
        @Index(name = "gamgee_instance_claim_step",
                columnList = "status, workflow_type, step, claimable_at, instance_id"),
        @Index(name = "gamgee_instance_claim_any", columnList = "status, claimable_at, instance_id"),
        @Index(name = "gamgee_instance_branches", columnList = "parent_id, created_at, branch_index"),
        @Index(name = "gamgee_instance_listing", columnList = "workflow_type, created_at, instance_id")})
public class InstanceEntity {

    /**
     * Length of the unbounded text columns: {@code TEXT} on PostgreSQL, {@code LONGTEXT} or
     * {@code TEXT} on MariaDB, and H2's longest {@code CHARACTER VARYING}, which bounds payloads there.
     */
    static final int LONG_TEXT = 1_000_000;

    @Id
    @Column(name = "instance_id", length = 255, nullable = false, updatable = false)
    private String instanceId;

    @Column(name = "workflow_type", length = 200, nullable = false)
    private String workflowType;

    @Column(name = "step", length = 200, nullable = false)
    private String step;

    @Column(name = "payload", nullable = false, length = LONG_TEXT)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private InstanceStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "run_after", nullable = false)
    private Instant runAfter;

    /** {@code run_after} while free, {@code lease_until} while leased, the finish time once finished. */
    @Column(name = "claimable_at", nullable = false)
    private Instant claimableAt;

    @Column(name = "lease_owner", length = 255)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "trace_context", length = 512)
    private String traceContext;

    @Column(name = "diagram_hash", length = 128, nullable = false)
    private String diagramHash;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_error_type", length = 255)
    private String lastErrorType;

    @Column(name = "last_error_message", length = LONG_TEXT)
    private String lastErrorMessage;

    @Column(name = "last_error_stack_trace", length = LONG_TEXT)
    private String lastErrorStackTrace;

    @Column(name = "parent_id", length = 255, updatable = false)
    private String parentId;

    @Column(name = "branch_index", nullable = false, updatable = false)
    private int branchIndex;

    @Column(name = "pending_branches", nullable = false)
    private int pendingBranches;

    @Column(name = "failed_branches", nullable = false)
    private int failedBranches;

    /** For JPA. */
    protected InstanceEntity() {
    }

    /** {@code instance_id}: unique id, chosen at submit. */
    public String getInstanceId() {
        return instanceId;
    }

    /** {@code workflow_type}: the workflow type. */
    public String getWorkflowType() {
        return workflowType;
    }

    /** {@code step}: the step to run next (for a completed instance: the last step run). */
    public String getStep() {
        return step;
    }

    /** The current step's payload as JSON. */
    public String getPayload() {
        return payload;
    }

    /** {@code status}: where the instance stands. */
    public InstanceStatus getStatus() {
        return status;
    }

    /** {@code attempts}: failed attempts of the current step so far. */
    public int getAttempts() {
        return attempts;
    }

    /** {@code run_after}: the step is not claimed before this time. */
    public Instant getRunAfter() {
        return runAfter;
    }

    /**
     * {@code claimable_at}: {@code run_after} while free, {@code lease_until} while leased, the finish
     * time once finished.
     */
    public Instant getClaimableAt() {
        return claimableAt;
    }

    /** {@code lease_owner}: the worker holding the lease, or {@code null}. */
    public String getLeaseOwner() {
        return leaseOwner;
    }

    /** {@code lease_until}: when the lease expires, or {@code null}. */
    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    /** {@code trace_context}: the W3C trace context carried from the submitter, or {@code null}. */
    public String getTraceContext() {
        return traceContext;
    }

    /** {@code diagram_hash}: the hash of the definition the instance was submitted (or last advanced) under. */
    public String getDiagramHash() {
        return diagramHash;
    }

    /** {@code version}: incremented by exactly one on every write; guards all transitions. */
    public long getVersion() {
        return version;
    }

    /** {@code created_at}: when the instance was submitted. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** {@code updated_at}: when the row was last written. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** {@code last_error_type}: the type of the last step error, if any. */
    public String getLastErrorType() {
        return lastErrorType;
    }

    /** {@code last_error_message}: its message. */
    public String getLastErrorMessage() {
        return lastErrorMessage;
    }

    /** {@code last_error_stack_trace}: its stack trace. */
    public String getLastErrorStackTrace() {
        return lastErrorStackTrace;
    }

    /** {@code parent_id}: for a branch of a fork, the instance that forked it; {@code null} for a workflow instance. */
    public String getParentId() {
        return parentId;
    }

    /** {@code branch_index}: a branch's place among its fork's branches (0 for the first); 0 for a workflow instance. */
    public int getBranchIndex() {
        return branchIndex;
    }

    /**
     * {@code pending_branches}: for an instance waiting at a join, how many of its branches have not
     * settled yet; 0 otherwise. While it is above 0 the instance is not due.
     */
    public int getPendingBranches() {
        return pendingBranches;
    }

    /**
     * {@code failed_branches}: how many branches of the instance's current fork became unrecoverable
     * and were not recovered; the last branch to settle makes the instance unrecoverable if it is above 0.
     */
    public int getFailedBranches() {
        return failedBranches;
    }
}
