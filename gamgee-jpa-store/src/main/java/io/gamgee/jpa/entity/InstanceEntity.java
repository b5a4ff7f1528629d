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
        @Index(name = "gamgee_instance_claim_any", columnList = "status, claimable_at, instance_id")})
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

    /** For JPA. */
    protected InstanceEntity() {
    }

    public String getInstanceId() {
        return instanceId;
    }

    public String getWorkflowType() {
        return workflowType;
    }

    public String getStep() {
        return step;
    }

    /** The current step's payload as JSON. */
    public String getPayload() {
        return payload;
    }

    public InstanceStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getRunAfter() {
        return runAfter;
    }

    public Instant getClaimableAt() {
        return claimableAt;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public String getTraceContext() {
        return traceContext;
    }

    public String getDiagramHash() {
        return diagramHash;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getLastErrorType() {
        return lastErrorType;
    }

    public String getLastErrorMessage() {
        return lastErrorMessage;
    }

    public String getLastErrorStackTrace() {
        return lastErrorStackTrace;
    }
}
