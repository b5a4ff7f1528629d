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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Forks and joins: a fork parks the claimed instance at its join and inserts one row per branch; a
 * branch settles by writing its own row, and the parent is released once none is left unsettled.
 *
 * <p>Sibling branches often settle at the same moment, on one node's threads or on several nodes.
 * Were each settlement to update the parent's row, they would queue on its row lock, each waiting
 * for the other's commit. Instead a settlement writes only the branch (guarded by its claimed
 * version) and commits; then, in a statement of its own, it counts the siblings still waiting. A
 * count taken after its own commit sees every sibling that committed before it, so of two siblings
 * settling together at least the later one to count sees 0 and releases the parent: one
 * {@code UPDATE} guarded by {@code pending_branches > 0}, which only the first of them applies (the
 * other waits for its lock and then finds the guard false). A worker that dies between a
 * settlement's commit and the release leaves the parent waiting, but the parent is due for a
 * re-check a minute after the fork, and then later and later ({@link #checkJoin}), so nothing is
 * lost. A failed branch also records the failure on the parent (its count of failed branches and,
 * if it has none, its last error) in its own transaction, branch first, then parent, the lock
 * order of {@link Administration} too.
 */
final class Forks {

    /** How soon after a fork (or a recovery) a parent waiting for its branches is first re-checked. */
    static final Duration FIRST_RECHECK = Duration.ofMinutes(1);

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

    /** A failed branch's mark on its parent: one more failed branch, and the failure if it has none yet. */
    private static final String PARENT_OF_FAILED = "UPDATE gamgee_instance SET "
            + "last_error_message = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_message END, "
            + "last_error_stack_trace = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_stack_trace END, "
            + "last_error_type = CASE WHEN last_error_type IS NULL THEN ? ELSE last_error_type END, "
            + "failed_branches = failed_branches + 1, updated_at = ?, version = version + 1 "
            + "WHERE instance_id = ? AND status = 'WAITING' AND pending_branches > 0";

    /*
     * The release of a parent none of whose branches is left unsettled: due at once, or
     * unrecoverable if one failed. Columns are assigned before the columns they read (MariaDB
     * assigns from left to right with the values already assigned).
     */
    private static final String RELEASE = "UPDATE gamgee_instance SET "
            + "status = CASE WHEN failed_branches > 0 THEN 'UNRECOVERABLE' ELSE status END, "
            + "run_after = CASE WHEN failed_branches > 0 THEN run_after ELSE ? END, "
            + "claimable_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?, version = version + 1, "
            + "pending_branches = 0 WHERE instance_id = ? AND status = 'WAITING' AND pending_branches > 0";

    /*
     * The branches of a parent still waiting, found through the parent index alone: a condition on
     * status in the WHERE would tempt H2 into reading every waiting instance through a claim index.
     */
    private static final String UNSETTLED = "SELECT COALESCE(SUM(CASE WHEN status = 'WAITING' THEN 1 ELSE 0 END), 0) "
            + "FROM gamgee_instance WHERE parent_id = ?";

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
                v.bind(s, i + 2, at.plus(FIRST_RECHECK));
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
     * Completes a branch with its result, then releases its parent if no sibling is left unsettled.
     *
     * @return the parent's branches still to settle, or empty if the claim was lost
     */
    OptionalInt finish(Claim claim, String result, String traceContext, StepRecord record) {
        Instant at = Transitions.time(claim, record);
        boolean finished = GuardedWrites.apply(jdbc, "finishBranch", claim, FINISH, (s, v, i) -> {
            s.setString(i, result);
            s.setString(i + 1, traceContext);
            v.bind(s, i + 2, at);
            v.bind(s, i + 3, at);
            return i + 4;
        }, record);
        return finished ? OptionalInt.of(settled(claim, at)) : OptionalInt.empty();
    }

    /**
     * Makes a branch unrecoverable and records the failure on its parent, then releases the parent
     * (as unrecoverable) if no sibling is left unsettled.
     *
     * @return whether the claim still held
     */
    boolean fail(Claim claim, ErrorInfo error, StepRecord record) {
        Instant at = Transitions.time(claim, record);
        WorkflowInstance branch = claim.instance();
        ErrorInfo failure = ErrorInfo.of("BranchFailed", "branch " + branch.instanceId()
                + " became unrecoverable at step " + branch.step() + ": " + error);
        boolean failed = jdbc.inTransaction("markUnrecoverable", claim.instanceId(), (connection, vendor) -> {
            boolean marked = GuardedWrites.update(connection, vendor, claim, Transitions.UNRECOVERABLE,
                    (s, v, i) -> Transitions.bindUnrecoverable(s, v, i, at, error));
            if (!marked) {
                return false;
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(), record);
            try (PreparedStatement statement = connection.prepareStatement(PARENT_OF_FAILED)) {
                statement.setString(1, failure.message());
                statement.setString(2, failure.stackTrace());
                statement.setString(3, failure.type());
                vendor.bind(statement, 4, at);
                statement.setString(5, branch.parentId());
                if (statement.executeUpdate() != 1) {
                    throw notWaiting(branch.parentId(), claim);
                }
            }
            return true;
        });
        if (failed) {
            settled(claim, at);
        }
        return failed;
    }

    /**
     * After a branch's settlement committed: how many siblings are still waiting and, if none is,
     * the parent released.
     */
    private int settled(Claim branch, Instant at) {
        String parentId = branch.instance().parentId();
        return jdbc.autoCommit("settle", branch.instanceId(), (connection, vendor) -> {
            int unsettled = unsettled(connection, parentId);
            if (unsettled == 0) {
                try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
                    vendor.bind(release, 1, at);
                    vendor.bind(release, 2, at);
                    vendor.bind(release, 3, at);
                    release.setString(4, parentId);
                    release.executeUpdate();
                }
            }
            return unsettled;
        });
    }

    private static int unsettled(Connection connection, String parentId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(UNSETTLED)) {
            count.setString(1, parentId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /**
     * Re-checks a parent claimed at its join: waits again until {@code recheckAt} while a branch is
     * unsettled; unrecoverable if every branch settled and one failed; else its count set to 0 and
     * the claim (on the new version) returned for the merge.
     */
    Optional<Claim> checkJoin(Claim claim, Instant now, Instant recheckAt) {
        return jdbc.inTransaction("checkJoin", claim.instanceId(), (connection, vendor) -> {
            int unsettled = unsettled(connection, claim.instanceId());
            if (unsettled > 0) {
                GuardedWrites.update(connection, vendor, claim,
                        "lease_owner = NULL, lease_until = NULL, claimable_at = ?, updated_at = ?", (s, v, i) -> {
                            v.bind(s, i, recheckAt);
                            v.bind(s, i + 1, now);
                            return i + 2;
                        });
                return Optional.<Claim>empty();
            }
            boolean updated = GuardedWrites.update(connection, vendor, claim,
                    "status = CASE WHEN failed_branches > 0 THEN 'UNRECOVERABLE' ELSE status END, "
                            + "lease_owner = CASE WHEN failed_branches > 0 THEN NULL ELSE lease_owner END, "
                            + "lease_until = CASE WHEN failed_branches > 0 THEN NULL ELSE lease_until END, "
                            + "updated_at = ?, pending_branches = 0", (s, v, i) -> {
                                v.bind(s, i, now);
                                return i + 1;
                            });
            if (!updated) {
                return Optional.<Claim>empty();
            }
            WorkflowInstance parent = Queries.read(connection, vendor, claim.instanceId());
            return parent.status() == InstanceStatus.WAITING
                    ? Optional.of(new Claim(parent, claim.workerId(), claim.leaseUntil()))
                    : Optional.<Claim>empty();
        });
    }

    /** A branch settles only while its parent waits for it; anything else is a broken store, not a race. */
    private static IllegalStateException notWaiting(String parentId, Claim branch) {
        return new IllegalStateException("instance " + parentId + " does not wait at a join for its branch "
                + branch.instanceId() + ", which settled; nothing was written");
    }
}
