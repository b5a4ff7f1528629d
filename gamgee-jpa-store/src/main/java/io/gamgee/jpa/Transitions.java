package io.gamgee.jpa;

import static io.gamgee.jpa.Vendor.stored;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The transitions a step ends with, each one {@link GuardedWrites guarded write} with its history row. */
final class Transitions {

    private static final String ERROR_COLUMNS =
            "last_error_type = ?, last_error_message = ?, last_error_stack_trace = ?";

    private final Jdbc jdbc;

    Transitions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash, String traceContext,
            StepRecord record, Instant keepLeaseUntil) {
        Instant at = time(claim, record);
        String leaseOwner = keepLeaseUntil == null ? null : claim.workerId();
        String set = "step = ?, payload = ?, attempts = 0, run_after = ?, claimable_at = ?, lease_owner = ?, "
                + "lease_until = ?, diagram_hash = ?, trace_context = ?, updated_at = ?, "
                + "last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL";
        boolean moved = GuardedWrites.apply(jdbc, "advance", claim, set, (s, v, i) -> {
            s.setString(i, nextStep);
            s.setString(i + 1, payload);
            v.bind(s, i + 2, at);
            v.bind(s, i + 3, keepLeaseUntil == null ? at : keepLeaseUntil);
            s.setString(i + 4, leaseOwner);
            v.bind(s, i + 5, keepLeaseUntil);
            s.setString(i + 6, diagramHash);
            s.setString(i + 7, traceContext);
            v.bind(s, i + 8, at);
            return i + 9;
        }, record);
        if (!moved) {
            return Optional.empty();
        }
        WorkflowInstance advanced = claim.instance().advancedTo(nextStep, payload, diagramHash, traceContext,
                stored(at), leaseOwner, stored(keepLeaseUntil));
        Instant receiptUntil = keepLeaseUntil == null ? stored(at) : stored(keepLeaseUntil);
        return Optional.of(new Claim(advanced, claim.workerId(), receiptUntil));
    }

    /** Moves the instance to {@code nextStep} as {@link #advance} does, due at {@code runAfter}, the lease cleared. */
    boolean advanceLater(Claim claim, String nextStep, String payload, String diagramHash, String traceContext,
            StepRecord record, Instant runAfter) {
        Instant at = time(claim, record);
        return GuardedWrites.apply(jdbc, "advanceLater", claim, "step = ?, payload = ?, attempts = 0, run_after = ?, "
                + "claimable_at = ?, lease_owner = NULL, lease_until = NULL, diagram_hash = ?, trace_context = ?, "
                + "updated_at = ?, last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL",
                (s, v, i) -> {
                    s.setString(i, nextStep);
                    s.setString(i + 1, payload);
                    v.bind(s, i + 2, runAfter);
                    v.bind(s, i + 3, runAfter);
                    s.setString(i + 4, diagramHash);
                    s.setString(i + 5, traceContext);
                    v.bind(s, i + 6, at);
                    return i + 7;
                }, record);
    }

    boolean complete(Claim claim, StepRecord record) {
        Instant at = time(claim, record);
        return GuardedWrites.apply(jdbc, "complete", claim, "status = 'COMPLETED', claimable_at = ?, "
                + "lease_owner = NULL, lease_until = NULL, updated_at = ?", (s, v, i) -> {
                    v.bind(s, i, at);
                    v.bind(s, i + 1, at);
                    return i + 2;
                }, record);
    }

    boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record) {
        Instant at = time(claim, record);
        return GuardedWrites.apply(jdbc, "retryLater", claim, "attempts = attempts + 1, run_after = ?, "
                + "claimable_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?, " + ERROR_COLUMNS,
                (s, v, i) -> {
                    v.bind(s, i, runAfter);
                    v.bind(s, i + 1, runAfter);
                    v.bind(s, i + 2, at);
                    return bindError(s, i + 3, error);
                }, record);
    }

    /** The {@code SET} clause of {@link #markUnrecoverable}, bound by {@link #bindUnrecoverable}. */
    static final String UNRECOVERABLE = "status = 'UNRECOVERABLE', attempts = attempts + 1, claimable_at = ?, "
            + "lease_owner = NULL, lease_until = NULL, updated_at = ?, " + ERROR_COLUMNS;

    /** Marks an instance that is not a branch unrecoverable (a branch settles too, see {@link Forks#fail}). */
    boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record) {
        Instant at = time(claim, record);
        return GuardedWrites.apply(jdbc, "markUnrecoverable", claim, UNRECOVERABLE,
                (s, v, i) -> bindUnrecoverable(s, v, i, at, error), record);
    }

    static int bindUnrecoverable(PreparedStatement statement, Vendor vendor, int index, Instant at, ErrorInfo error)
            throws SQLException {
        vendor.bind(statement, index, at);
        vendor.bind(statement, index + 1, at);
        return bindError(statement, index + 2, error);
    }

    private static int bindError(PreparedStatement statement, int index, ErrorInfo error) throws SQLException {
        statement.setString(index, error.type());
        statement.setString(index + 1, error.message());
        statement.setString(index + 2, error.stackTrace());
        return index + 3;
    }

    /** When a transition happened: the step's end, else its start, else the claim's last write. */
    static Instant time(Claim claim, StepRecord record) {
        if (record.finishedAt() != null) {
            return record.finishedAt();
        }
        if (record.startedAt() != null) {
            return record.startedAt();
        }
        return claim.instance().updatedAt() != null ? claim.instance().updatedAt() : claim.instance().runAfter();
    }
}
