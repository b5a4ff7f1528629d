package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A way to pick and lease due instances; each {@link Vendor} says which one it uses for a strategy. */
interface ClaimMethod {

    /** Read a window without locks, compare-and-set each candidate (any database). */
    ClaimMethod OPTIMISTIC = new OptimisticClaim();

    /** {@code SELECT … FOR UPDATE SKIP LOCKED}, then lease, in one transaction. */
    ClaimMethod LOCK_THEN_LEASE = new LockingClaim();

    /** One {@code UPDATE … RETURNING} over a {@code FOR UPDATE SKIP LOCKED} pick. */
    ClaimMethod UPDATE_RETURNING = new ReturningClaim();

    /** Whether the caller runs {@link #claim} in one transaction (else each statement commits on its own). */
    boolean needsTransaction(FetchStrategy strategy);

    /** Leases up to {@code request.max()} due instances, in the strategy's order. */
    List<WorkflowInstance> claim(Connection connection, Vendor vendor, ClaimRequest request) throws SQLException;
}
