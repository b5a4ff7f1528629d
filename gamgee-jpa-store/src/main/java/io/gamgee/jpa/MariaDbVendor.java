package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * MariaDB 10.6+ (InnoDB): instants as UTC {@code DATETIME(6)}, claims and other locking reads in
 * {@code READ COMMITTED},
 * claims that lock with {@code SELECT … FOR UPDATE SKIP LOCKED} on a forced claim index and lease in
 * the same transaction.
 */
final class MariaDbVendor extends Vendor {

    @Override
    Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    boolean recognizes(String product) {
        return product.contains("mariadb");
    }

    @Override
    String schemaResource() {
        return "io/gamgee/jpa/schema/mariadb.sql";
    }

    @Override
    void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
    }

    @Override
    Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    void prepare(Connection connection) throws SQLException {
        if (connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            // InnoDB's default REPEATABLE READ takes gap locks on the claim index; concurrent
            // inserts and claims would then deadlock instead of skipping each other. Transitions,
            // guarded by the primary key, take no gap locks and keep the pool's isolation: setting it
            // costs a round trip, and HikariCP another to reset it when the connection returns.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /** A transition alone is five round trips (the mode switches, two statements, the commit); two in flight keep InnoDB busy. */
    @Override
    int concurrentCommits() {
        return 2;
    }

    @Override
    ClaimMethod claimMethod(FetchStrategy strategy) {
        return strategy == FetchStrategy.RANDOM ? ClaimMethod.OPTIMISTIC : ClaimMethod.LOCK_THEN_LEASE;
    }

    /** The optimizer tends to prefer a shorter index and sort, so it is told which index to read. */
    @Override
    String claimIndexHint(QueryFilter filter) {
        return " FORCE INDEX (" + filter.claimIndex() + ")";
    }

    @Override
    boolean refusedCredentials(SQLException error) {
        return "42000".equals(error.getSQLState()) && error.getErrorCode() == 1045;
    }

    @Override
    boolean unknownDatabase(SQLException error) {
        return error.getErrorCode() == 1049;
    }

    @Override
    boolean duplicateKey(SQLException error) {
        return "23000".equals(error.getSQLState()) && error.getErrorCode() == 1062;
    }
}
