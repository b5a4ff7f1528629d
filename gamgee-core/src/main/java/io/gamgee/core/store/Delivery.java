package io.gamgee.core.store;

import io.gamgee.core.SendResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link StateStore#deliverClaimed} did with an event: its {@link SendResult} and, when the
 * event moved the instance on to a step, the lease taken on it in the same transaction.
 *
 * @param result what the delivery did
 * @param claim the lease on the instance at the step the event led to, or empty (the event did not
 *     move it on, ended it, or the store does not lease on delivery)
 */
public record Delivery(SendResult result, Optional<Claim> claim) {

    public Delivery {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(claim, "claim");
    }

    /** A delivery that took no lease. */
    public static Delivery withoutClaim(SendResult result) {
        return new Delivery(result, Optional.empty());
    }
}
