package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL 12+: a claim is one {@code UPDATE … RETURNING} over a {@code FOR UPDATE SKIP LOCKED}
 * pick, a transition one {@code WITH … INSERT} statement in auto-commit, an insert of an existing id
 * {@code ON CONFLICT DO NOTHING}: one round trip each.
 */
final class PostgresVendor extends Vendor {

    /** The server is shutting down, crashed, or not yet accepting connections. */
    private static final Set<String> SERVER_GONE_STATES = Set.of("57P01", "57P02", "57P03");

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    boolean recognizes(String product) {
        return product.contains("postgresql");
    }

    @Override
    String schemaResource() {
        return "io/gamgee/jpa/schema/postgresql.sql";
    }

    @Override
    String onDuplicateId() {
        return " ON CONFLICT (instance_id) DO NOTHING";
    }

    @Override
    ClaimMethod claimMethod(FetchStrategy strategy) {
        return strategy == FetchStrategy.RANDOM ? ClaimMethod.OPTIMISTIC : ClaimMethod.UPDATE_RETURNING;
    }

    @Override
    boolean writesTransitionInOneStatement() {
        return true;
    }

    @Override
    boolean updateReturns() {
        return true;
    }

    @Override
    boolean lostConnection(SQLException error) {
        return SERVER_GONE_STATES.contains(error.getSQLState());
    }

    @Override
    boolean missingTable(SQLException error) {
        return "42P01".equals(error.getSQLState());
    }

    @Override
    boolean unknownDatabase(SQLException error) {
        return "3D000".equals(error.getSQLState());
    }

    @Override
    boolean transientFailure(SQLException error) {
        return "40P01".equals(error.getSQLState()); // deadlock detected
    }
}
