package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims due instances with the {@link ClaimMethod} the database's {@link Vendor} names.
 *
 * <p>A row is due when {@code status = 'WAITING' AND claimable_at <= now}: {@code claimable_at} is
 * {@code run_after} while the row is free and {@code lease_until} while it is leased, so an expired
 * lease is due again without a lease condition, and every claim is one range scan of a claim index
 * in {@code claimable_at} order that stops at the first row it can take.
 */
final class Claims {

    private final Jdbc jdbc;

    Claims(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<Claim> claim(ClaimRequest request) {
        Jdbc.Work<List<WorkflowInstance>> work = (connection, vendor) ->
                vendor.claimMethod(request.strategy()).claim(connection, vendor, request);
        List<WorkflowInstance> claimed = needsTransaction(jdbc.knownVendor(), request.strategy())
                ? jdbc.inTransaction("claim", null, work)
                : jdbc.autoCommit("claim", null, work);
        List<Claim> claims = new ArrayList<>(claimed.size());
        for (WorkflowInstance instance : claimed) {
            claims.add(new Claim(instance, request.workerId(), instance.leaseUntil()));
        }
        return claims;
    }

    /** Before the database is known, a transaction is the safe answer for an ordered strategy. */
    private static boolean needsTransaction(Vendor known, FetchStrategy strategy) {
        if (known == null) {
            return strategy != FetchStrategy.RANDOM;
        }
        return known.claimMethod(strategy).needsTransaction(strategy);
    }
}
