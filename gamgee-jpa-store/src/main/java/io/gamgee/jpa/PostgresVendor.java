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

    /**
     * A transition is one statement in auto-commit, and the commits of concurrent connections already
     * share their WAL flushes (PostgreSQL's own group commit). A worker pool of 4 threads measured
     * 15–20 % fewer steps/s with transitions batched at most one or two transactions at a time, and
     * a batch of three took as long to commit as a single transition: each thread waits for its own
     * commit either way, and a batch only left fewer commits in flight.
     */
    @Override
    int concurrentCommits() {
        return Integer.MAX_VALUE;
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
