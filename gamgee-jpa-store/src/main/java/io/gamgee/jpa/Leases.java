package io.gamgee.jpa;

import static io.gamgee.jpa.Vendor.stored;

import io.gamgee.core.store.Claim;
import java.time.Instant;
import java.util.Optional;

/** Renews and gives up the lease of a claimed instance, without a history row. */
final class Leases {

    private final Jdbc jdbc;

    Leases(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> renew(Claim claim, Instant leaseUntil) {
        boolean renewed = jdbc.autoCommit("renewLease", claim.instanceId(), (connection, vendor) ->
                GuardedWrites.update(connection, vendor, claim, "lease_until = ?, claimable_at = ?", (s, v, i) -> {
                    v.bind(s, i, leaseUntil);
                    v.bind(s, i + 1, leaseUntil);
                    return i + 2;
                }));
        if (!renewed) {
            return Optional.empty();
        }
        return Optional.of(new Claim(claim.instance().leasedTo(claim.workerId(), stored(leaseUntil),
                claim.instance().updatedAt()), claim.workerId(), stored(leaseUntil)));
    }

    boolean release(Claim claim) {
        return jdbc.autoCommit("release", claim.instanceId(), (connection, vendor) -> GuardedWrites.update(
                connection, vendor, claim, "lease_owner = NULL, lease_until = NULL, claimable_at = run_after",
                (s, v, i) -> i));
    }
}
