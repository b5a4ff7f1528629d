package io.gamgee.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's lease on one instance, as returned by {@link StateStore#claim}. Every transition
 * presents it; the store applies the transition only if the instance's version still equals
 * {@code instance().version()}.
 *
 * @param instance the instance as it is stored after the claim (its version is the claimed version)
 * @param workerId who holds the lease
 * @param leaseUntil when the lease expires unless renewed
 */
public record Claim(WorkflowInstance instance, String workerId, Instant leaseUntil) {

    public Claim {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    /** The claimed instance's id. */
    public String instanceId() {
        return instance.instanceId();
    }

    /** The version a transition must find to succeed. */
    public long version() {
        return instance.version();
    }
}
