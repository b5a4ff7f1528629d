package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the lease of a running step alive: renews it every third of the lease duration until the
 * step ends, so a long step is not taken over by another worker. Holds the latest claim, since
 * every renewal moves the version that the step's transition must present.
 */
final class LeaseRenewal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaseRenewal.class.getName());

    private static final class Scheduler {
        // one daemon thread for the JVM: renewals are short store calls
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "gamgee-lease-renewal");
                thread.setDaemon(true);
                return thread;
            });
            // almost every step ends long before its first renewal: drop the cancelled task at
            // once rather than keep thousands queued until their time comes
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    private final StateStore store;
    private final Duration lease;
    private final Clock clock;
    private Claim claim;
    private boolean stopped;
    private ScheduledFuture<?> task;

    private LeaseRenewal(StateStore store, Claim claim, Duration lease, Clock clock) {
        this.store = store;
        this.claim = claim;
        this.lease = lease;
        this.clock = clock;
    }

    static LeaseRenewal start(StateStore store, Claim claim, Duration lease, Clock clock) {
        LeaseRenewal renewal = new LeaseRenewal(store, claim, lease, clock);
        long period = Math.max(10, lease.toMillis() / 3);
        renewal.task = Scheduler.INSTANCE.scheduleWithFixedDelay(renewal::renew, period, period, TimeUnit.MILLISECONDS);
        return renewal;
    }

    private synchronized void renew() {
        if (stopped || claim == null) {
            return;
        }
        try {
            claim = store.renewLease(claim, clock.instant().plus(lease)).orElse(null);
            if (claim == null) {
                LOG.log(Level.DEBUG, "lost the lease while a step was running; its result will be discarded");
            }
        } catch (RuntimeException e) {
            // the next renewal (or the transition) tries again; the lease may still be long enough
            LOG.log(Level.WARNING, "cannot renew a lease: " + e.getMessage(), e);
        }
    }

    /** Stops renewing; returns the latest claim, or {@code null} if it was lost or given up. */
    synchronized Claim stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
        return claim;
    }

    /**
     * Takes the claim away from the running step (a pool closing past its drain timeout): the
     * caller releases it, and the step's own transition will find no claim.
     */
    synchronized Claim abandon() {
        Claim held = stop();
        claim = null;
        return held;
    }

    @Override
    public void close() {
        stop();
    }
}
