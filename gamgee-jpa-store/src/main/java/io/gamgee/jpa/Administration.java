package io.gamgee.jpa;

import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    boolean cancel(String instanceId, Instant now) {
        return jdbc.autoCommit("cancel", instanceId, (connection, vendor) -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE gamgee_instance SET "
                    + "status = 'CANCELLED', lease_owner = NULL, lease_until = NULL, claimable_at = ?, updated_at = ?, "
                    + "version = version + 1 WHERE instance_id = ? AND status = 'WAITING'")) {
                vendor.bind(statement, 1, now);
                vendor.bind(statement, 2, now);
                statement.setString(3, instanceId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    int recoverTasks(Query query, int limit, Instant now) {
        return jdbc.inTransaction("recoverTasks", null, (connection, vendor) -> {
            QueryFilter filter = QueryFilter.of(query, InstanceStatus.UNRECOVERABLE);
            List<String> ids = ids(connection, "SELECT instance_id FROM gamgee_instance WHERE " + filter.sql()
                    + " ORDER BY claimable_at, instance_id LIMIT " + limit, s -> filter.bind(s, 1));
            int recovered = 0;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE gamgee_instance SET "
                    + "status = 'WAITING', attempts = 0, run_after = ?, claimable_at = ?, lease_owner = NULL, "
                    + "lease_until = NULL, updated_at = ?, version = version + 1 "
                    + "WHERE instance_id = ? AND status = 'UNRECOVERABLE'")) {
                for (String id : ids) {
                    vendor.bind(statement, 1, now);
                    vendor.bind(statement, 2, now);
                    vendor.bind(statement, 3, now);
                    statement.setString(4, id);
                    recovered += statement.executeUpdate();
                }
            }
            return recovered;
        });
    }

    int purgeFinished(Instant before, int limit) {
        return jdbc.inTransaction("purgeFinished", null, (connection, vendor) -> {
            // A finished row's claimable_at is the time it finished (= updated_at), which lets the
            // claim index find old finished rows without a scan.
            List<String> ids = ids(connection, "SELECT instance_id FROM gamgee_instance "
                    + "WHERE status IN ('COMPLETED', 'CANCELLED') AND claimable_at < ? LIMIT " + limit,
                    s -> {
                        vendor.bind(s, 1, before);
                        return 2;
                    });
            int deleted = 0;
            for (int from = 0; from < ids.size(); from += PURGE_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PURGE_CHUNK));
                String in = " IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                executeWithIds(connection, "DELETE FROM gamgee_step_history WHERE instance_id" + in, chunk);
                deleted += executeWithIds(connection, "DELETE FROM gamgee_instance WHERE instance_id" + in
                        + " AND status IN ('COMPLETED', 'CANCELLED')", chunk);
            }
            return deleted;
        });
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

    private static int executeWithIds(Connection connection, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            return statement.executeUpdate();
        }
    }
}
