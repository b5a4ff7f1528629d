package io.gamgee.jpa;

import static io.gamgee.jpa.Vendor.stored;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Forks and joins: a fork parks the claimed instance at its join and inserts one row per branch; a
 * branch settles at the join in the transaction of its last transition.
 *
 * <p>Sibling branches may settle at the same moment on several nodes. Each settlement writes the
 * branch's own row first, guarded by its claimed version, and then changes the parent's counters
 * by one relative {@code UPDATE} ({@code pending_branches = pending_branches - 1}), which every
 * database applies to the newest committed row under that row's lock, never to a value read
 * before; the same statement makes the parent due, or unrecoverable, when it takes the count to 0.
 * The count it leaves is then read back from the row still locked ({@code RETURNING}, or
 * {@code SELECT … FOR UPDATE}, a current read even where a plain read would see an older snapshot).
 * Rows are locked branch first, then parent, here and in {@link Administration}, so settlements,
 * cancels and recoveries of one workflow wait for each other rather than deadlock.
 */
final class Forks {

    /** {@code claimable_at} of an instance waiting for branches: later than any claim's {@code now}. */
    static final Instant NOT_DUE = Instant.parse("9999-01-01T00:00:00Z");

    /** The forking instance moves to its join, where it waits for its branches. */
    private static final String PARK_AT_JOIN = "step = ?, attempts = 0, run_after = ?, claimable_at = ?, "
            + "lease_owner = NULL, lease_until = NULL, diagram_hash = ?, trace_context = ?, updated_at = ?, "
            + "last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL, "
            + "pending_branches = ?, failed_branches = 0";

    private static final String INSERT_BRANCH = "INSERT INTO gamgee_instance (instance_id, workflow_type, step, "
            + "payload, status, attempts, run_after, claimable_at, lease_owner, lease_until, trace_context, "
            + "diagram_hash, version, created_at, updated_at, parent_id, branch_index) "
            + "VALUES (?, ?, ?, ?, 'WAITING', 0, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)";

    private static final String FINISH = "status = 'COMPLETED', payload = ?, trace_context = ?, claimable_at = ?, "
            + "lease_owner = NULL, lease_until = NULL, updated_at = ?";

    /*
     * What a settlement does to the parent. Every column is assigned before the columns its new
     * value reads: MariaDB assigns from left to right and reads the values already assigned, the
     * others read the old row throughout, and in this order both mean the same.
     */
    private static final String PARENT_OF_FINISHED = "status = CASE WHEN pending_branches = 1 "
            + "AND failed_branches > 0 THEN 'UNRECOVERABLE' ELSE status END, "
            + "run_after = CASE WHEN pending_branches = 1 AND failed_branches = 0 THEN ? ELSE run_after END, "
            + "claimable_at = CASE WHEN pending_branches = 1 THEN ? ELSE claimable_at END, ";
    private static final String PARENT_OF_FAILED = "status = CASE WHEN pending_branches = 1 "
            + "THEN 'UNRECOVERABLE' ELSE status END, "
            + "claimable_at = CASE WHEN pending_branches = 1 THEN ? ELSE claimable_at END, "
            + "last_error_message = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_message END, "
            + "last_error_stack_trace = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_stack_trace END, "
            + "last_error_type = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_type END, "
            + "failed_branches = failed_branches + 1, ";
    private static final String PARENT_SETTLED_SET = "updated_at = ?, version = version + 1, "
            + "pending_branches = pending_branches - 1 ";
    private static final String PARENT_SETTLED = PARENT_SETTLED_SET
            + "WHERE instance_id = ? AND status = 'WAITING' AND pending_branches > 0";

    /*
     * A finished branch in one statement, where the database runs one (PostgreSQL): the branch's
     * guarded update, its history row and the parent's settlement, committed at once. Sibling
     * branches settling at the same moment wait for the parent's row lock only while the statement
     * commits, not across round trips of a longer transaction.
     */
    private static final String FINISH_IN_ONE_STATEMENT = "WITH branch AS (UPDATE gamgee_instance SET " + FINISH
            + ", version = version + 1 WHERE instance_id = ? AND version = ? RETURNING instance_id, parent_id), "
            + "recorded AS (INSERT INTO gamgee_step_history (" + InstanceRows.HISTORY_COLUMNS + ") "
            + "SELECT instance_id, " + GuardedWrites.HISTORY_VALUES + " FROM branch), "
            + "parent AS (UPDATE gamgee_instance SET " + PARENT_OF_FINISHED + PARENT_SETTLED_SET
            + "WHERE instance_id = (SELECT parent_id FROM branch) AND status = 'WAITING' AND pending_branches > 0 "
            + "RETURNING pending_branches) "
            + "SELECT (SELECT COUNT(*) FROM branch), (SELECT pending_branches FROM parent)";

    private final Jdbc jdbc;

    Forks(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> fork(Claim claim, String join, List<NewBranch> branches, String diagramHash, String traceContext,
            StepRecord record, Instant keepLeaseUntil) {
        Instant at = Transitions.time(claim, record);
        String owner = keepLeaseUntil == null ? null : claim.workerId();
        boolean forked = jdbc.inTransaction("fork", claim.instanceId(), (connection, vendor) -> {
            boolean parked = GuardedWrites.update(connection, vendor, claim, PARK_AT_JOIN, (s, v, i) -> {
                s.setString(i, join);
                v.bind(s, i + 1, at);
                v.bind(s, i + 2, NOT_DUE);
                s.setString(i + 3, diagramHash);
                s.setString(i + 4, traceContext);
                v.bind(s, i + 5, at);
                s.setInt(i + 6, branches.size());
                return i + 7;
            });
            if (!parked) {
                return false;
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(), record);
            insertBranches(connection, vendor, claim, branches, diagramHash, traceContext, at, owner, keepLeaseUntil);
            return true;
        });
        if (!forked) {
            return Optional.empty();
        }
        NewBranch first = branches.get(0);
        WorkflowInstance row = new WorkflowInstance(first.instanceId(), claim.instance().workflowType(), first.step(),
                first.payload(), InstanceStatus.WAITING, 0, stored(at), owner, stored(keepLeaseUntil), traceContext,
                diagramHash, 0, stored(at), stored(at), null, claim.instanceId(), 0);
        return Optional.of(new Claim(row, claim.workerId(), stored(keepLeaseUntil == null ? at : keepLeaseUntil)));
    }

    /** One batch of inserts; the first branch leased to {@code owner} when it is given. */
    private static void insertBranches(Connection connection, Vendor vendor, Claim claim, List<NewBranch> branches,
            String diagramHash, String traceContext, Instant at, String owner, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_BRANCH)) {
            for (int i = 0; i < branches.size(); i++) {
                NewBranch branch = branches.get(i);
                boolean leased = i == 0 && owner != null;
                statement.setString(1, branch.instanceId());
                statement.setString(2, claim.instance().workflowType());
                statement.setString(3, branch.step());
                statement.setString(4, branch.payload());
                vendor.bind(statement, 5, at);
                // a leased row is due again when its lease expires, like a claimed one
                vendor.bind(statement, 6, leased ? leaseUntil : at);
                statement.setString(7, leased ? owner : null);
                vendor.bind(statement, 8, leased ? leaseUntil : null);
                statement.setString(9, traceContext);
                statement.setString(10, diagramHash);
                vendor.bind(statement, 11, at);
                vendor.bind(statement, 12, at);
                statement.setString(13, claim.instanceId());
                statement.setInt(14, i);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                throw new IllegalStateException("a branch of instance " + claim.instanceId() + " already exists, "
                        + "one of " + branches.stream().map(NewBranch::instanceId).toList(), e);
            }
            throw e;
        }
    }

    private static boolean isDuplicateKey(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if (SqlErrors.isDuplicateKey(e)) {
                return true;
            }
            if (e instanceof BatchUpdateException && e.getCause() instanceof SQLException cause
                    && SqlErrors.isDuplicateKey(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Completes a branch with its result and settles it at its parent's join.
     *
     * @return the parent's branches still to settle, or empty if the claim was lost
     */
    OptionalInt finish(Claim claim, String result, String traceContext, StepRecord record) {
        Instant at = Transitions.time(claim, record);
        Vendor known = jdbc.knownVendor();
        if (known != null && known.writesTransitionInOneStatement()) {
            return finishInOneStatement(claim, result, traceContext, record, at);
        }
        Integer remaining = jdbc.inTransaction("finishBranch", claim.instanceId(), (connection, vendor) -> {
            boolean finished = GuardedWrites.update(connection, vendor, claim, FINISH, (s, v, i) -> {
                s.setString(i, result);
                s.setString(i + 1, traceContext);
                v.bind(s, i + 2, at);
                v.bind(s, i + 3, at);
                return i + 4;
            });
            if (!finished) {
                return null;
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(), record);
            return settle(connection, vendor, claim, null, at);
        });
        return remaining == null ? OptionalInt.empty() : OptionalInt.of(remaining);
    }

    private OptionalInt finishInOneStatement(Claim claim, String result, String traceContext, StepRecord record,
            Instant at) {
        Integer remaining = jdbc.autoCommit("finishBranch", claim.instanceId(), (connection, vendor) -> {
            try (PreparedStatement statement = connection.prepareStatement(FINISH_IN_ONE_STATEMENT)) {
                statement.setString(1, result);
                statement.setString(2, traceContext);
                vendor.bind(statement, 3, at);
                vendor.bind(statement, 4, at);
                statement.setString(5, claim.instanceId());
                statement.setLong(6, claim.version());
                GuardedWrites.bindHistory(statement, vendor, 7, record);
                vendor.bind(statement, 15, at);
                vendor.bind(statement, 16, at);
                vendor.bind(statement, 17, at);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (row.getInt(1) == 0) {
                        return null;
                    }
                    int pending = row.getInt(2);
                    if (row.wasNull()) {
                        // committed with the branch: a parent that no longer waits is a broken store, not a race
                        throw new IllegalStateException("instance " + claim.instance().parentId()
                                + " does not wait at a join for its branch " + claim.instanceId()
                                + ", which finished");
                    }
                    return pending;
                }
            }
        });
        return remaining == null ? OptionalInt.empty() : OptionalInt.of(remaining);
    }

    /**
     * Makes a branch unrecoverable and settles it at its parent's join, as a failure.
     *
     * @return whether the claim still held
     */
    boolean fail(Claim claim, ErrorInfo error, StepRecord record) {
        Instant at = Transitions.time(claim, record);
        WorkflowInstance branch = claim.instance();
        ErrorInfo failure = ErrorInfo.of("BranchFailed", "branch " + branch.instanceId()
                + " became unrecoverable at step " + branch.step() + ": " + error);
        return jdbc.inTransaction("markUnrecoverable", claim.instanceId(), (connection, vendor) -> {
            boolean failed = GuardedWrites.update(connection, vendor, claim, Transitions.UNRECOVERABLE,
                    (s, v, i) -> Transitions.bindUnrecoverable(s, v, i, at, error));
            if (!failed) {
                return false;
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(), record);
            settle(connection, vendor, claim, failure, at);
            return true;
        });
    }

    /**
     * One fewer branch for the parent to wait for: the last one makes it due at {@code at}, or
     * unrecoverable if a branch failed. Called with the branch's row written (and locked).
     *
     * @param failure the parent's last error if it has none (a failed branch), or {@code null}
     * @return how many branches are still to settle
     */
    private static int settle(Connection connection, Vendor vendor, Claim branch, ErrorInfo failure, Instant at)
            throws SQLException {
        String parentId = branch.instance().parentId();
        String sql = "UPDATE gamgee_instance SET " + (failure == null ? PARENT_OF_FINISHED : PARENT_OF_FAILED)
                + PARENT_SETTLED;
        boolean returning = vendor.updateReturns();
        try (PreparedStatement statement = connection.prepareStatement(returning
                ? sql + " RETURNING pending_branches" : sql)) {
            int index = 1;
            if (failure == null) {
                vendor.bind(statement, index++, at);
                vendor.bind(statement, index++, at);
            } else {
                vendor.bind(statement, index++, at);
                statement.setString(index++, failure.message());
                statement.setString(index++, failure.stackTrace());
                statement.setString(index++, failure.type());
            }
            vendor.bind(statement, index++, at);
            statement.setString(index, parentId);
            if (returning) {
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getInt(1) : notWaiting(parentId, branch);
                }
            }
            if (statement.executeUpdate() != 1) {
                return notWaiting(parentId, branch);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pending_branches FROM gamgee_instance WHERE instance_id = ? FOR UPDATE")) {
            statement.setString(1, parentId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** A branch settles only while its parent waits for it; anything else is a broken store, not a race. */
    private static int notWaiting(String parentId, Claim branch) {
        throw new IllegalStateException("instance " + parentId + " does not wait at a join for its branch "
                + branch.instanceId() + ", which settled; nothing was written");
    }
}
