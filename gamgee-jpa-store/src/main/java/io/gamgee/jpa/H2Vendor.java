package io.gamgee.jpa;

import java.sql.SQLException;
import java.util.Set;

/**
 * H2 2.2.220+: claims are optimistic (its {@code FOR UPDATE} reads every matching row before
 * {@code LIMIT}), a claim's {@code ORDER BY} repeats the index columns the filter fixes, since H2
 * reads an index in order only when the {@code ORDER BY} is a prefix of it, and branches are left
 * out of lists by a condition its planner cannot turn into a lookup of the parent index.
 */
final class H2Vendor extends Vendor {

    /** Codes for a connection or database that is gone (broken, closed, shutting down). */
    private static final Set<Integer> CONNECTION_CODES = Set.of(90067, 90098, 90121);
    /** "Database may be already in use": another process holds the file. */
    private static final int IN_USE = 90020;

    /**
     * H2 writes one commit at a time to its file anyway, and each commit appends a chunk holding
     * every page it changed: one transaction of all waiting transitions writes the shared pages once.
     */
    @Override
    int concurrentCommits() {
        return 1;
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    boolean recognizes(String product) {
        return product.contains("h2");
    }

    @Override
    String schemaResource() {
        return "io/gamgee/jpa/schema/h2.sql";
    }

    @Override
    boolean ordersByIndexPrefix() {
        return true;
    }

    /**
     * H2 estimates {@code parent_id IS NULL} from the column's distinct values, as if it were rare,
     * and would read every workflow instance through the parent index; a {@code CASE} it cannot
     * look up leaves the claim index to find the range.
     */
    @Override
    String workflowsOnly() {
        return "CASE WHEN parent_id IS NULL THEN 1 ELSE 0 END = 1";
    }

    @Override
    boolean lostConnection(SQLException error) {
        String state = error.getSQLState();
        return CONNECTION_CODES.contains(error.getErrorCode()) && state != null && state.startsWith("90");
    }

    @Override
    boolean heldByAnotherProcess(SQLException error) {
        return error.getErrorCode() == IN_USE;
    }

    @Override
    boolean missingTable(SQLException error) {
        return "42S04".equals(error.getSQLState());
    }

    @Override
    boolean unknownDatabase(SQLException error) {
        return error.getErrorCode() == 90146;
    }
}
