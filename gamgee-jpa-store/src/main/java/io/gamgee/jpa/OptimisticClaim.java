package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads a small window of candidates without locks and compare-and-sets them one by one in order
 * (shuffled for {@link FetchStrategy#RANDOM}); losing a race just moves on to the next candidate.
 */
final class OptimisticClaim implements ClaimMethod {

    /** Candidates read per attempt: enough that a few workers rarely all collide. */
    static final int WINDOW = 16;

    /** An ordered claim leases its batch in one transaction, one commit; {@code RANDOM} commits each lease. */
    @Override
    public boolean needsTransaction(FetchStrategy strategy) {
        return strategy != FetchStrategy.RANDOM;
    }

    @Override
    public List<WorkflowInstance> claim(Connection connection, Vendor vendor, ClaimRequest request)
            throws SQLException {
        QueryFilter filter = request.filter();
        int window = Math.max(WINDOW, 2 * request.max());
        List<WorkflowInstance> candidates = ClaimQuery.read(connection, vendor, filter, ClaimQuery.candidates(vendor,
                filter, request.strategy(), InstanceRows.INSTANCE_COLUMNS, window), request.now(), window);
        if (request.strategy() == FetchStrategy.RANDOM) {
            Collections.shuffle(candidates, ThreadLocalRandom.current());
        }
        return ClaimQuery.lease(connection, vendor, candidates, request);
    }
}
