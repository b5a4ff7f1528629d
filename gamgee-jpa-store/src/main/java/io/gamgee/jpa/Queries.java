package io.gamgee.jpa;

import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads instances and their history for applications, dashboards and tools; never on the hot path. */
final class Queries {

    /**
     * An instance's history with its branches': its own rows, then its branches' (found through
     * the parent index), each part an index lookup, in the order they were written.
     */
    private static final String HISTORY = "SELECT id, " + InstanceRows.HISTORY_COLUMNS
            + " FROM gamgee_step_history WHERE instance_id = ? UNION ALL SELECT h.id, h."
            + InstanceRows.HISTORY_COLUMNS.replace(", ", ", h.") + " FROM gamgee_instance b "
            + "JOIN gamgee_step_history h ON h.instance_id = b.instance_id WHERE b.parent_id = ? ORDER BY id";

    /*
     * What the instances of one type at each state are doing: the live ones through the
     * (status, workflow_type, step, …) claim index range of WAITING and UNRECOVERABLE, the
     * completed ones through the (status, workflow_type, claimable_at) range since the window's
     * start (a completion sets claimable_at to its time); finished rows outside the window are
     * never read. %1$s is where the vendor's index hint goes: MariaDB's statistics, right after many
     * rows changed status at once, still counted their old index entries and chose to read the
     * whole table.
     */
    private static final String STATE_COUNTS = "SELECT step, "
            + "SUM(CASE WHEN status = 'WAITING' AND (lease_until IS NULL OR lease_until <= ?) AND attempts = 0 "
            + "THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status = 'WAITING' AND lease_until > ? THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status = 'WAITING' AND (lease_until IS NULL OR lease_until <= ?) AND attempts > 0 "
            + "THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status = 'UNRECOVERABLE' THEN 1 ELSE 0 END), 0 "
            + "FROM gamgee_instance%1$s WHERE status IN ('WAITING', 'UNRECOVERABLE') AND workflow_type = ? GROUP BY step "
            + "UNION ALL SELECT step, 0, 0, 0, 0, COUNT(*) FROM gamgee_instance%1$s "
            + "WHERE status = 'COMPLETED' AND workflow_type = ? AND claimable_at >= ? GROUP BY step";

    private final Jdbc jdbc;

    Queries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The instance {@code instanceId}, read on the caller's connection (in its transaction). */
    static WorkflowInstance read(Connection connection, Vendor vendor, String instanceId) throws SQLException {
        return readIfAny(connection, vendor, instanceId)
                .orElseThrow(() -> new IllegalStateException("no instance " + instanceId));
    }

    private static Optional<WorkflowInstance> readIfAny(Connection connection, Vendor vendor, String instanceId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + InstanceRows.INSTANCE_COLUMNS + " FROM gamgee_instance WHERE instance_id = ?")) {
            statement.setString(1, instanceId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(InstanceRows.instance(row, vendor)) : Optional.empty();
            }
        }
    }

    Optional<WorkflowInstance> find(String instanceId) {
        return jdbc.autoCommit("find", instanceId, (connection, vendor) -> readIfAny(connection, vendor, instanceId));
    }

    List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit) {
        return select("list", query, status, vendor -> listOrder(vendor, query.workflowType() != null, offset, limit));
    }

    /**
     * What a list appends to its filter: workflow instances only, in creation order, which the
     * listing index ({@code workflow_type, created_at, instance_id}) serves for a type, whatever
     * the status; H2 reads an index in order only when the order names its leading columns, so
     * there it orders by the type too.
     */
    static String listOrder(Vendor vendor, boolean byType, int offset, int limit) {
        String type = byType && vendor.ordersByIndexPrefix() ? "workflow_type, " : "";
        return " AND " + vendor.workflowsOnly() + " ORDER BY " + type + "created_at, instance_id LIMIT " + limit
                + " OFFSET " + offset;
    }

    /** A page in claim index order: {@code status} given, so the claim index range serves it. */
    List<WorkflowInstance> page(Query query, InstanceStatus status, boolean newestFirst, int offset, int limit) {
        String direction = newestFirst ? " DESC" : "";
        return select("page", query, status, vendor -> " ORDER BY claimable_at" + direction + ", instance_id"
                + direction + " LIMIT " + limit + " OFFSET " + offset);
    }

    /**
     * A page of every status in claim index order (when due, or finished): the first
     * {@code offset + limit} entries of each status's range of the claim index, merged. A state
     * holding few of a type's many instances reads only its own.
     */
    List<WorkflowInstance> pageOfEveryStatus(Query query, boolean newestFirst, int offset, int limit) {
        return jdbc.autoCommit("page", null, (connection, vendor) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    everyStatusPageSql(vendor, query, newestFirst, offset, limit))) {
                bindEveryStatus(statement, query);
                return instances(statement, vendor);
            }
        });
    }

    /** The instances a statement selects. */
    private static List<WorkflowInstance> instances(PreparedStatement statement, Vendor vendor) throws SQLException {
        List<WorkflowInstance> instances = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                instances.add(InstanceRows.instance(row, vendor));
            }
        }
        return instances;
    }

    /** The instances matching {@code query} and {@code status}, with what {@code rest} appends to the WHERE. */
    private List<WorkflowInstance> select(String operation, Query query, InstanceStatus status,
            java.util.function.Function<Vendor, String> rest) {
        return jdbc.autoCommit(operation, null, (connection, vendor) -> {
            QueryFilter filter = QueryFilter.of(query, status);
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + InstanceRows.INSTANCE_COLUMNS
                    + " FROM gamgee_instance WHERE " + filter.sql() + rest.apply(vendor))) {
                filter.bind(statement, 1);
                return instances(statement, vendor);
            }
        });
    }

    long count(Query query, InstanceStatus status) {
        return jdbc.autoCommit("count", null, (connection, vendor) -> {
            boolean everyStatus = status == null && query.workflowType() != null;
            QueryFilter filter = QueryFilter.of(query, status);
            try (PreparedStatement statement = connection.prepareStatement(
                    everyStatus ? everyStatusCountSql(vendor, query) : countSql(vendor, filter))) {
                if (everyStatus) {
                    bindEveryStatus(statement, query);
                } else {
                    filter.bind(statement, 1);
                }
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    List<StateCounts> stateCounts(String workflowType, Instant now, Instant completedSince) {
        return jdbc.autoCommit("stateCounts", null, (connection, vendor) -> {
            String hint = vendor.claimIndexHint(QueryFilter.of(Query.workflowType(workflowType), InstanceStatus.WAITING));
            try (PreparedStatement statement = connection.prepareStatement(String.format(STATE_COUNTS, hint))) {
                vendor.bind(statement, 1, now);
                vendor.bind(statement, 2, now);
                vendor.bind(statement, 3, now);
                statement.setString(4, workflowType);
                statement.setString(5, workflowType);
                vendor.bind(statement, 6, completedSince);
                Map<String, long[]> counts = new LinkedHashMap<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        long[] c = counts.computeIfAbsent(row.getString(1), step -> new long[5]);
                        for (int i = 0; i < 5; i++) {
                            c[i] += row.getLong(i + 2);
                        }
                    }
                }
                List<StateCounts> result = new ArrayList<>();
                counts.forEach((step, c) -> result.add(new StateCounts(step, c[0], c[1], c[2], c[3], c[4])));
                return result;
            }
        });
    }

    List<StepRecord> history(String instanceId) {
        return jdbc.autoCommit("history", instanceId, (connection, vendor) -> {
            try (PreparedStatement statement = connection.prepareStatement(HISTORY)) {
                statement.setString(1, instanceId);
                statement.setString(2, instanceId);
                List<StepRecord> steps = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        steps.add(InstanceRows.step(row, vendor));
                    }
                }
                return steps;
            }
        });
    }

    /**
     * The statement of {@link #count}: the workflow instances that {@code filter} matches, branches
     * left out by a condition on each row read (see {@link Vendor#workflowsOnly()}). No index is
     * forced: for a status most rows have, MariaDB's own choice measured 1.3–2.0 s for a million
     * rows where the claim index's range, forced, took 3.9 s.
     */
    static String countSql(Vendor vendor, QueryFilter filter) {
        return "SELECT COUNT(*) FROM gamgee_instance WHERE " + filter.sql() + " AND " + vendor.workflowsOnly();
    }

    /** The statement of {@link #pageOfEveryStatus}, whose parameters {@link #bindEveryStatus} binds. */
    static String everyStatusPageSql(Vendor vendor, Query query, boolean newestFirst, int offset, int limit) {
        String direction = newestFirst ? " DESC" : "";
        String order = " ORDER BY claimable_at" + direction + ", instance_id" + direction;
        long reach = Math.min((long) offset + limit, Integer.MAX_VALUE);
        StringBuilder sql = new StringBuilder("SELECT * FROM (");
        for (InstanceStatus status : InstanceStatus.values()) {
            QueryFilter filter = QueryFilter.of(query, status);
            sql.append(status.ordinal() == 0 ? "" : " UNION ALL ").append("(SELECT ")
                    .append(InstanceRows.INSTANCE_COLUMNS).append(", claimable_at FROM gamgee_instance WHERE ")
                    .append(filter.sql()).append(" ORDER BY ").append(filter.orderPrefix(vendor, direction))
                    .append("claimable_at").append(direction)
                    .append(", instance_id").append(direction).append(" LIMIT ").append(reach).append(')');
        }
        return sql.append(") every_status").append(order).append(" LIMIT ").append(limit).append(" OFFSET ")
                .append(offset).toString();
    }

    /** Binds the type (and step) of {@code query} once for each status of an every-status statement. */
    static void bindEveryStatus(PreparedStatement statement, Query query) throws SQLException {
        QueryFilter filter = QueryFilter.of(query, InstanceStatus.WAITING);
        int next = 1;
        for (int i = 0; i < InstanceStatus.values().length; i++) {
            next = filter.bind(statement, next);
        }
    }

    /**
     * A count of a type's instances whatever their status: the counts of each status's range of
     * the claim index, added up, so that a state holding few of a type's many instances reads only
     * its own; {@link #bindEveryStatus} binds its parameters.
     */
    static String everyStatusCountSql(Vendor vendor, Query query) {
        StringBuilder sql = new StringBuilder("SELECT SUM(c) FROM (");
        for (InstanceStatus status : InstanceStatus.values()) {
            sql.append(status.ordinal() == 0 ? "" : " UNION ALL ").append("SELECT COUNT(*) c FROM gamgee_instance WHERE ")
                    .append(QueryFilter.of(query, status).sql()).append(" AND ").append(vendor.workflowsOnly());
        }
        return sql.append(") counts").toString();
    }

    /** The branches {@code instanceId} forked, in the order of the parent index: by fork, then branch order. */
    List<WorkflowInstance> branches(String instanceId) {
        return jdbc.autoCommit("branches", instanceId, (connection, vendor) -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + InstanceRows.INSTANCE_COLUMNS
                    + " FROM gamgee_instance WHERE parent_id = ? ORDER BY created_at, branch_index")) {
                statement.setString(1, instanceId);
                List<WorkflowInstance> branches = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        branches.add(InstanceRows.instance(row, vendor));
                    }
                }
                return branches;
            }
        });
    }
}
