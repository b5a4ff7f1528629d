package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The statements every {@link ClaimMethod} shares: the candidate query and the lease. */
final class ClaimQuery {

    /** Sets the lease; the first four parameters are bound by {@link #bindLease}. */
    static final String LEASE_SET = "UPDATE gamgee_instance SET lease_owner = ?, lease_until = ?, "
            + "claimable_at = ?, updated_at = ?, version = version + 1 WHERE instance_id = ";

    private static final String LEASE = LEASE_SET + "? AND version = ?";

    private ClaimQuery() {
    }

    /**
     * The candidate query: a range of the claim index that serves the filter, in index order, with
     * the vendor's index hint and, where it needs them, the index columns the filter fixes.
     */
    static String candidates(Vendor vendor, QueryFilter filter, FetchStrategy strategy, String columns, int limit) {
        String direction = strategy == FetchStrategy.NEWEST ? " DESC" : "";
        return "SELECT " + columns + " FROM gamgee_instance" + vendor.claimIndexHint(filter) + " WHERE "
                + filter.sql() + " AND claimable_at <= ? ORDER BY " + filter.orderPrefix(vendor, direction)
                + "claimable_at" + direction
                + ", instance_id" + direction + " LIMIT " + limit;
    }

    /** Runs a candidate query and reads its rows. */
    static List<WorkflowInstance> read(Connection connection, Vendor vendor, QueryFilter filter, String sql,
            Instant now, int expected) throws SQLException {
        List<WorkflowInstance> rows = new ArrayList<>(expected);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            vendor.bind(statement, filter.bind(statement, 1), now);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(InstanceRows.instance(row, vendor));
                }
            }
        }
        return rows;
    }

    /** Leases candidates in order until {@code max} are held; losing one to another worker moves on. */
    static List<WorkflowInstance> lease(Connection connection, Vendor vendor, List<WorkflowInstance> candidates,
            ClaimRequest request) throws SQLException {
        List<WorkflowInstance> leased = new ArrayList<>(Math.min(request.max(), candidates.size()));
        for (WorkflowInstance candidate : candidates) {
            if (leased.size() == request.max()) {
                break;
            }
            lease(connection, vendor, candidate, request).ifPresent(leased::add);
        }
        return leased;
    }

    /**
     * Leases every candidate in one JDBC batch: for rows the caller's transaction has locked, where
     * no other worker can change them first. A row whose count is not 1 is left out.
     */
    static List<WorkflowInstance> leaseLocked(Connection connection, Vendor vendor, List<WorkflowInstance> candidates,
            ClaimRequest request) throws SQLException {
        if (candidates.size() <= 1) {
            return lease(connection, vendor, candidates, request);
        }
        int[] counts;
        try (PreparedStatement statement = connection.prepareStatement(LEASE)) {
            for (WorkflowInstance candidate : candidates) {
                bindLease(statement, vendor, candidate, request);
                statement.addBatch();
            }
            counts = statement.executeBatch();
        }
        List<WorkflowInstance> leased = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (i < counts.length && counts[i] == 1) {
                leased.add(leased(candidates.get(i), request));
            } else if (i >= counts.length || counts[i] != 0) {
                // a count the driver did not report: which rows were leased is unknown, so none are
                throw new SQLException("the driver reported no update count for a batch of leases on locked rows");
            }
        }
        return leased;
    }

    /** Compare-and-set of the lease on a candidate read at its current version. */
    private static Optional<WorkflowInstance> lease(Connection connection, Vendor vendor, WorkflowInstance candidate,
            ClaimRequest request) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LEASE)) {
            bindLease(statement, vendor, candidate, request);
            if (statement.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(leased(candidate, request));
    }

    /** Binds {@link #LEASE} for {@code candidate} at the version it was read at. */
    private static void bindLease(PreparedStatement statement, Vendor vendor, WorkflowInstance candidate,
            ClaimRequest request) throws SQLException {
        int index = bindLease(statement, vendor, request);
        statement.setString(index++, candidate.instanceId());
        statement.setLong(index, candidate.version());
    }

    /** {@code candidate} as its lease leaves it. */
    private static WorkflowInstance leased(WorkflowInstance candidate, ClaimRequest request) {
        return candidate.leasedTo(request.workerId(), Vendor.stored(request.leaseUntil()), Vendor.stored(request.now()));
    }

    /** Binds the four parameters of {@link #LEASE_SET}; returns the next free index. */
    static int bindLease(PreparedStatement statement, Vendor vendor, ClaimRequest request) throws SQLException {
        statement.setString(1, request.workerId());
        vendor.bind(statement, 2, request.leaseUntil());
        vendor.bind(statement, 3, request.leaseUntil());
        vendor.bind(statement, 4, request.now());
        return 5;
    }
}
