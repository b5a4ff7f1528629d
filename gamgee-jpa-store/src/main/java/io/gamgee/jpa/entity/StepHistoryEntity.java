package io.gamgee.jpa.entity;

import io.gamgee.core.store.StepRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One executed step: a row of {@code gamgee_step_history}, written in the same transaction as the
 * transition it caused. Rows are never updated; they are deleted with their instance by retention.
 */
@Entity(name = "GamgeeStepHistory")
@Table(name = "gamgee_step_history",
        indexes = @Index(name = "gamgee_step_history_instance", columnList = "instance_id, id"))
public class StepHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "instance_id", length = 255, nullable = false)
    private String instanceId;

    @Column(name = "step", length = 200, nullable = false)
    private String step;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "worker_id", length = 255)
    private String workerId;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 16, nullable = false)
    private StepRecord.Outcome outcome;

    @Column(name = "next_step", length = 200)
    private String nextStep;

    @Column(name = "error", length = InstanceEntity.LONG_TEXT)
    private String error;

    /** For JPA. */
    protected StepHistoryEntity() {
    }

    /** Insertion order: history of one instance sorted by id is its execution order. */
    public Long getId() {
        return id;
    }

    /** {@code instance_id}: the instance the step belongs to. */
    public String getInstanceId() {
        return instanceId;
    }

    /** {@code step}: the step, as named in the diagram. */
    public String getStep() {
        return step;
    }

    /** {@code attempt}: which try of the step this was, from 1. */
    public int getAttempt() {
        return attempt;
    }

    /** {@code worker_id}: the worker that ran it. */
    public String getWorkerId() {
        return workerId;
    }

    /** {@code started_at}: when the try started. */
    public Instant getStartedAt() {
        return startedAt;
    }

    /** {@code finished_at}: when it ended. */
    public Instant getFinishedAt() {
        return finishedAt;
    }

    /** {@code outcome}: how it ended. */
    public StepRecord.Outcome getOutcome() {
        return outcome;
    }

    /** {@code next_step}: the step it led to, if it completed. */
    public String getNextStep() {
        return nextStep;
    }

    /** {@code error}: the error, if it failed. */
    public String getError() {
        return error;
    }
}
