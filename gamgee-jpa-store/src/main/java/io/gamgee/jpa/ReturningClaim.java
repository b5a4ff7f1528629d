package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks, locks and leases in one {@code UPDATE … RETURNING} statement: one round trip, auto-commit. */
final class ReturningClaim implements ClaimMethod {

    @Override
    public boolean needsTransaction(FetchStrategy strategy) {
        return false;
    }

    @Override
    public List<WorkflowInstance> claim(Connection connection, Vendor vendor, ClaimRequest request)
            throws SQLException {
        QueryFilter filter = request.filter();
        int max = request.max();
        // one row: "= (subquery)"; several: "= ANY(ARRAY(subquery))", which PostgreSQL still runs as
        // index lookups of the picked ids rather than a join against the locked subquery
        String picked = ClaimQuery.candidates(vendor, filter, request.strategy(), "instance_id", max)
                + " FOR UPDATE SKIP LOCKED";
        String sql = ClaimQuery.LEASE_SET + (max == 1 ? "(" + picked + ")" : "ANY(ARRAY(" + picked + "))")
                + " RETURNING " + InstanceRows.INSTANCE_COLUMNS;
        List<WorkflowInstance> claimed = new ArrayList<>(max);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = ClaimQuery.bindLease(statement, vendor, request);
            index = filter.bind(statement, index);
            vendor.bind(statement, index, request.now());
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    claimed.add(InstanceRows.instance(row, vendor));
                }
            }
        }
        if (claimed.size() > 1) {
            // RETURNING has no order; the claim moved claimable_at, so order by when each was due
            Comparator<WorkflowInstance> order = Comparator.comparing(WorkflowInstance::runAfter)
                    .thenComparing(WorkflowInstance::instanceId);
            claimed.sort(request.strategy() == FetchStrategy.NEWEST ? order.reversed() : order);
        }
        return claimed;
    }
}
