package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Locks the first due rows no one else has locked ({@code FOR UPDATE SKIP LOCKED}), then leases
 * them; the locks must be held until the leases are written, so the caller commits.
 */
final class LockingClaim implements ClaimMethod {

    @Override
    public boolean needsTransaction(FetchStrategy strategy) {
        return true;
    }

    @Override
    public List<WorkflowInstance> claim(Connection connection, Vendor vendor, ClaimRequest request)
            throws SQLException {
        QueryFilter filter = request.filter();
        String sql = ClaimQuery.candidates(vendor, filter, request.strategy(), InstanceRows.INSTANCE_COLUMNS,
                request.max()) + " FOR UPDATE SKIP LOCKED";
        List<WorkflowInstance> candidates = ClaimQuery.read(connection, vendor, filter, sql, request.now(),
                request.max());
        // the query returns at most max rows, all locked by this transaction: one batch leases them
        return ClaimQuery.leaseLocked(connection, vendor, candidates, request);
    }
}
