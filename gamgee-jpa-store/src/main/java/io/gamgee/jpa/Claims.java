package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks and leases one due instance.
 *
 * <p>A row is due when {@code status = 'WAITING' AND claimable_at <= now}: {@code claimable_at} is
 * {@code run_after} while the row is free and {@code lease_until} while it is leased, so an expired
 * lease is due again without a lease condition, and every claim is one range scan of a claim index
 * in {@code claimable_at} order that stops at the first row it can take.
 *
 * <p>{@link FetchStrategy#OLDEST} and {@link FetchStrategy#NEWEST} lock that row with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL and MariaDB, so concurrent workers pass each other
 * instead of colliding. H2 (2.2.220+) accepts the syntax, but its {@code FOR UPDATE} reads every
 * matching row before applying {@code ORDER BY … LIMIT} (EXPLAIN ANALYZE: scanCount = backlog), so
 * H2 claims optimistically. {@link FetchStrategy#RANDOM}, and every strategy on other databases, read a
 * small window of candidates without locks and compare-and-set them one by one in (shuffled) order;
 * losing a race just moves on to the next candidate.
 */
final class Claims {

    /** Candidates read per optimistic attempt: enough that a few workers rarely all collide. */
    static final int WINDOW = 16;

    private static final String LEASE = "UPDATE gamgee_instance SET lease_owner = ?, lease_until = ?, "
            + "claimable_at = ?, updated_at = ?, version = version + 1 WHERE instance_id = ? AND version = ?";

    private Claims() {
    }

    /**
     * Leases up to {@code max} due instances, in the strategy's order. Whether the caller must run
     * this in one transaction is {@link #needsTransaction}'s answer.
     */
    static List<WorkflowInstance> claimBatch(Connection connection, Dialect dialect, Query query,
            FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil, int max) throws SQLException {
        if (strategy != FetchStrategy.RANDOM && dialect.skipLocked()) {
            return dialect == Dialect.POSTGRESQL
                    ? claimInOneStatement(connection, dialect, query, strategy, workerId, now, leaseUntil, max)
                    : claimSkippingLocked(connection, dialect, query, strategy, workerId, now, leaseUntil, max);
        }
        return claimOptimistically(connection, dialect, query, strategy, workerId, now, leaseUntil, max);
    }

    /**
     * Whether a claim must run in one transaction: skipping locked rows needs the locks held until
     * the leases are written. The other paths are statements that commit on their own (before the
     * dialect is known, the safe answer is yes).
     */
    static boolean needsTransaction(Dialect dialect, FetchStrategy strategy) {
        return strategy != FetchStrategy.RANDOM && dialect != Dialect.POSTGRESQL;
    }

    /**
     * The candidate query: a range of the claim index that serves the filter, in index order. H2
     * reads an index in order only when the {@code ORDER BY} is a prefix of it, so there it repeats
     * the columns the filter fixes; MariaDB's optimizer tends to prefer a shorter index and sort, so
     * there it is told which index to read.
     */
    static String candidates(Dialect dialect, QueryFilter filter, FetchStrategy strategy, String columns, int limit) {
        String direction = strategy == FetchStrategy.NEWEST ? " DESC" : "";
        StringBuilder order = new StringBuilder();
        if (dialect == Dialect.H2) {
            for (String column : filter.indexPrefix()) {
                order.append(column).append(direction).append(", ");
            }
        }
        String hint = dialect == Dialect.MARIADB ? " FORCE INDEX (" + filter.claimIndex() + ")" : "";
        return "SELECT " + columns + " FROM gamgee_instance" + hint + " WHERE " + filter.sql()
                + " AND claimable_at <= ? ORDER BY " + order + "claimable_at" + direction + ", instance_id" + direction
                + " LIMIT " + limit;
    }

    /** PostgreSQL: pick, lock and lease in one statement, one round trip. */
    private static List<WorkflowInstance> claimInOneStatement(Connection connection, Dialect dialect, Query query,
            FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil, int max) throws SQLException {
        QueryFilter filter = QueryFilter.of(query, InstanceStatus.WAITING);
        // one row: "= (subquery)"; several: "= ANY(ARRAY(subquery))", which PostgreSQL still runs as
        // index lookups of the picked ids rather than a join against the locked subquery
        String picked = candidates(dialect, filter, strategy, "instance_id", max) + " FOR UPDATE SKIP LOCKED";
        String sql = "UPDATE gamgee_instance SET lease_owner = ?, lease_until = ?, claimable_at = ?, updated_at = ?, "
                + "version = version + 1 WHERE instance_id = "
                + (max == 1 ? "(" + picked + ")" : "ANY(ARRAY(" + picked + "))") + " RETURNING "
                + InstanceRows.INSTANCE_COLUMNS;
        List<WorkflowInstance> claimed = new ArrayList<>(max);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = bindLease(statement, dialect, workerId, now, leaseUntil);
            index = filter.bind(statement, index);
            dialect.bind(statement, index, now);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    claimed.add(InstanceRows.instance(row, dialect));
                }
            }
        }
        if (claimed.size() > 1) {
            // RETURNING has no order; the claim moved claimable_at, so order by when each was due
            Comparator<WorkflowInstance> order = Comparator.comparing(WorkflowInstance::runAfter)
                    .thenComparing(WorkflowInstance::instanceId);
            claimed.sort(strategy == FetchStrategy.NEWEST ? order.reversed() : order);
        }
        return claimed;
    }

    /** Locks the first due rows no one else has locked, then leases them; the caller commits. */
    private static List<WorkflowInstance> claimSkippingLocked(Connection connection, Dialect dialect, Query query,
            FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil, int max) throws SQLException {
        QueryFilter filter = QueryFilter.of(query, InstanceStatus.WAITING);
        String sql = candidates(dialect, filter, strategy, InstanceRows.INSTANCE_COLUMNS, max) + " FOR UPDATE SKIP LOCKED";
        List<WorkflowInstance> candidates = read(connection, dialect, filter, sql, now, max);
        return lease(connection, dialect, candidates, workerId, now, leaseUntil, max);
    }

    private static List<WorkflowInstance> claimOptimistically(Connection connection, Dialect dialect, Query query,
            FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil, int max) throws SQLException {
        QueryFilter filter = QueryFilter.of(query, InstanceStatus.WAITING);
        int window = Math.max(WINDOW, 2 * max);
        List<WorkflowInstance> candidates = read(connection, dialect, filter,
                candidates(dialect, filter, strategy, InstanceRows.INSTANCE_COLUMNS, window), now, window);
        if (strategy == FetchStrategy.RANDOM) {
            Collections.shuffle(candidates, ThreadLocalRandom.current());
        }
        return lease(connection, dialect, candidates, workerId, now, leaseUntil, max);
    }

    private static List<WorkflowInstance> read(Connection connection, Dialect dialect, QueryFilter filter, String sql,
            Instant now, int expected) throws SQLException {
        List<WorkflowInstance> rows = new ArrayList<>(expected);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bind(statement, filter.bind(statement, 1), now);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(InstanceRows.instance(row, dialect));
                }
            }
        }
        return rows;
    }

    /** Leases candidates in order until {@code max} are held; losing one to another worker moves on. */
    private static List<WorkflowInstance> lease(Connection connection, Dialect dialect,
            List<WorkflowInstance> candidates, String workerId, Instant now, Instant leaseUntil, int max)
            throws SQLException {
        List<WorkflowInstance> leased = new ArrayList<>(Math.min(max, candidates.size()));
        for (WorkflowInstance candidate : candidates) {
            if (leased.size() == max) {
                break;
            }
            lease(connection, dialect, candidate, workerId, now, leaseUntil).ifPresent(leased::add);
        }
        return leased;
    }

    /** Compare-and-set of the lease on a candidate read at its current version. */
    private static Optional<WorkflowInstance> lease(Connection connection, Dialect dialect, WorkflowInstance candidate,
            String workerId, Instant now, Instant leaseUntil) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LEASE)) {
            int index = bindLease(statement, dialect, workerId, now, leaseUntil);
            statement.setString(index++, candidate.instanceId());
            statement.setLong(index, candidate.version());
            if (statement.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(new WorkflowInstance(candidate.instanceId(), candidate.workflowType(), candidate.step(),
                candidate.payload(), candidate.status(), candidate.attempts(), candidate.runAfter(), workerId,
                Dialect.stored(leaseUntil), candidate.traceContext(), candidate.diagramHash(), candidate.version() + 1,
                candidate.createdAt(), Dialect.stored(now), candidate.lastError()));
    }

    private static int bindLease(PreparedStatement statement, Dialect dialect, String workerId, Instant now,
            Instant leaseUntil) throws SQLException {
        statement.setString(1, workerId);
        dialect.bind(statement, 2, leaseUntil);
        dialect.bind(statement, 3, leaseUntil);
        dialect.bind(statement, 4, now);
        return 5;
    }
}
