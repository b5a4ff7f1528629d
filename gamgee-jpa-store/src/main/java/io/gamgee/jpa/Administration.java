package io.gamgee.jpa;

import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What operators do to instances outside a step: cancel, recover the unrecoverable, purge the finished. */
final class Administration {

    private static final int PURGE_CHUNK = 500;

    private final Jdbc jdbc;

    Administration(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Cancels a waiting workflow instance with its unsettled branches, branches first (the order
     * in which settlements lock), in one transaction; a branch is not cancelled on its own.
     */
    boolean cancel(String instanceId, Instant now) {
        return jdbc.inTransaction("cancel", instanceId, (connection, vendor) -> {
            String cancel = "UPDATE gamgee_instance SET status = 'CANCELLED', lease_owner = NULL, lease_until = NULL, "
                    + "claimable_at = ?, updated_at = ?, version = version + 1 WHERE ";
            Binder binder = s -> {
                vendor.bind(s, 1, now);
                vendor.bind(s, 2, now);
                s.setString(3, instanceId);
                return 4;
            };
            execute(connection, cancel + "parent_id = ? AND status = 'WAITING'", binder);
            if (execute(connection, cancel + "instance_id = ? AND status = 'WAITING' AND parent_id IS NULL",
                    binder) == 1) {
                return true;
            }
            connection.rollback();
            return false;
        });
    }

    /**
     * Puts unrecoverable instances back to work. A failed branch goes back with its parent waiting
     * for it again; a parent unrecoverable because of failed branches goes back through them; any
     * other instance (a parent that failed in its merge too) is put back at its step. Branches of a
     * cancelled workflow stay as they are.
     */
    int recoverTasks(Query query, int limit, Instant now) {
        QueryFilter filter = QueryFilter.of(query, InstanceStatus.UNRECOVERABLE);
        return recover("recoverTasks", null, filter.sql(), statement -> filter.bind(statement, 1), limit, now);
    }

    /**
     * Puts the unrecoverable instance {@code instanceId} back to work as {@link #recoverTasks}
     * would (a workflow failed by its branches through them).
     *
     * @return whether it was unrecoverable and is back
     */
    boolean recover(String instanceId, Instant now) {
        return recover("recover", instanceId, "status = 'UNRECOVERABLE' AND instance_id = ?", statement -> {
            statement.setString(1, instanceId);
            return 2;
        }, 1, now) > 0;
    }

    private int recover(String operation, String instanceId, String where, Binder binder, int limit, Instant now) {
        return jdbc.inTransaction(operation, instanceId, (connection, vendor) -> {
            List<Unrecoverable> matches = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT instance_id, parent_id, "
                    + "failed_branches FROM gamgee_instance i WHERE " + where + " AND NOT EXISTS (SELECT 1 "
                    + "FROM gamgee_instance p WHERE p.instance_id = i.parent_id AND p.status = 'CANCELLED') "
                    + "ORDER BY claimable_at, instance_id LIMIT " + limit)) {
                binder.bind(statement);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        matches.add(new Unrecoverable(row.getString(1), row.getString(2), row.getInt(3) > 0));
                    }
                }
            }
            int recovered = 0;
            for (Unrecoverable match : matches) {
                if (match.parentId() != null) {
                    recovered += recoverBranches(connection, vendor, "instance_id = ?", match.id(), match.parentId(),
                            now);
                } else if (match.failedBranches()) {
                    recovered += recoverBranches(connection, vendor, "parent_id = ?", match.id(), match.id(), now);
                } else {
                    recovered += execute(connection, RECOVER + "instance_id = ? AND status = 'UNRECOVERABLE' "
                            + "AND failed_branches = 0", recoverBinder(vendor, now, match.id()));
                }
            }
            return recovered;
        });
    }

    /** An unrecoverable row: a branch (with its parent), a parent failed by its branches, or neither. */
    private record Unrecoverable(String id, String parentId, boolean failedBranches) {
    }

    private static final String RECOVER = "UPDATE gamgee_instance SET status = 'WAITING', attempts = 0, "
            + "run_after = ?, claimable_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?, "
            + "version = version + 1 WHERE ";

    private static Binder recoverBinder(Vendor vendor, Instant now, String id) {
        return s -> {
            vendor.bind(s, 1, now);
            vendor.bind(s, 2, now);
            vendor.bind(s, 3, now);
            s.setString(4, id);
            return 5;
        };
    }

    /**
     * Puts failed branches back to work ({@code which} picks them by id or by parent), then has
     * their parent wait for them again, not due; branches first, as settlements lock. If the
     * parent no longer waits at its join (cancelled meanwhile), nothing is changed.
     *
     * @return how many branches were put back
     */
    private static int recoverBranches(Connection connection, Vendor vendor, String which, String id, String parentId,
            Instant now) throws SQLException {
        Savepoint before = connection.setSavepoint();
        int branches = execute(connection, RECOVER + which + " AND status = 'UNRECOVERABLE' AND parent_id IS NOT NULL",
                recoverBinder(vendor, now, id));
        if (branches == 0) {
            connection.releaseSavepoint(before);
            return 0;
        }
        int parent = execute(connection, "UPDATE gamgee_instance SET status = 'WAITING', claimable_at = ?, "
                + "pending_branches = pending_branches + ?, failed_branches = failed_branches - ?, updated_at = ?, "
                + "version = version + 1 WHERE instance_id = ? AND status IN ('WAITING', 'UNRECOVERABLE')", s -> {
                    vendor.bind(s, 1, now.plus(Forks.FIRST_RECHECK));
                    s.setInt(2, branches);
                    s.setInt(3, branches);
                    vendor.bind(s, 4, now);
                    s.setString(5, parentId);
                    return 6;
                });
        if (parent == 0) {
            connection.rollback(before);
            return 0;
        }
        connection.releaseSavepoint(before);
        return branches;
    }

    /**
     * Deletes finished workflow instances with their branches and everyone's history and events;
     * never a branch alone.
     */
    int purgeFinished(Instant before, int limit) {
        return jdbc.inTransaction("purgeFinished", null, (connection, vendor) -> {
            // A finished row's claimable_at is the time it finished (= updated_at), which lets the
            // claim index find old finished rows without a scan.
            List<String> ids = ids(connection, "SELECT instance_id FROM gamgee_instance "
                    + "WHERE status IN ('COMPLETED', 'CANCELLED') AND claimable_at < ? AND " + vendor.workflowsOnly()
                    + " LIMIT " + limit, s -> {
                        vendor.bind(s, 1, before);
                        return 2;
                    });
            int deleted = 0;
            for (int from = 0; from < ids.size(); from += PURGE_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PURGE_CHUNK));
                List<String> branches = ids(connection, "SELECT instance_id FROM gamgee_instance WHERE parent_id"
                        + in(chunk.size()), s -> bindIds(s, chunk));
                List<String> rows = new ArrayList<>(chunk);
                rows.addAll(branches);
                deleteIn(connection, "DELETE FROM gamgee_step_history WHERE instance_id", rows, "");
                deleteIn(connection, "DELETE FROM gamgee_instance WHERE instance_id", branches, "");
                deleted += deleteIn(connection, "DELETE FROM gamgee_instance WHERE instance_id", chunk,
                        " AND status IN ('COMPLETED', 'CANCELLED')");
                // after the instances: deliveries lock an instance before its events
                deleteIn(connection, "DELETE FROM gamgee_event WHERE instance_id", rows, "");
            }
            return deleted;
        });
    }

    private static String in(int ids) {
        return " IN (" + String.join(", ", Collections.nCopies(ids, "?")) + ")";
    }

    private static int bindIds(PreparedStatement statement, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(i + 1, ids.get(i));
        }
        return ids.size() + 1;
    }

    /** {@code sql IN (ids) suffix}, a chunk of ids at a time; returns the rows deleted. */
    private static int deleteIn(Connection connection, String sql, List<String> ids, String suffix)
            throws SQLException {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += PURGE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PURGE_CHUNK));
            deleted += execute(connection, sql + in(chunk.size()) + suffix, s -> bindIds(s, chunk));
        }
        return deleted;
    }

    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    private static List<String> ids(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        }
    }

    private static int execute(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }
}
