package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one running step. It renews the step's lease every third of the lease, so a long step is
 * not taken over, and holds the latest claim, since every renewal moves the version the step's
 * transition must present. When the step outlives its timeout, the guard takes the claim away from
 * it, interrupts its thread and hands the claim to a {@link TimeoutHandler}, which writes the
 * failed attempt; whatever the step returns later finds no claim and is discarded.
 *
 * <p>Guards run on one scheduler thread per store, so a store whose database hangs delays only its
 * own renewals, never another store's.
 */
final class StepGuard {

    private static final System.Logger LOG = System.getLogger(StepGuard.class.getName());
    private static final Map<StateStore, ScheduledExecutorService> SCHEDULERS = new WeakHashMap<>();

    /** Writes the failure of a step that timed out; runs on the store's scheduler thread. */
    @FunctionalInterface
    interface TimeoutHandler {
        /**
         * @param claim the step's claim, taken away from it
         * @param where the step's thread's stack when it timed out, to show where it hung
         */
        void timedOut(Claim claim, Duration timeout, StackTraceElement[] where);
    }

    private final StateStore store;
    private final Duration lease;
    private final Clock clock;
    private final Duration timeout;
    private final Thread runner;
    private final TimeoutHandler handler;
    private Claim claim;
    private boolean stopped;
    private boolean timedOut;
    private ScheduledFuture<?> renewal;
    private ScheduledFuture<?> deadline;

    private StepGuard(StateStore store, Claim claim, Duration lease, Clock clock, Duration timeout,
            TimeoutHandler handler) {
        this.store = store;
        this.claim = claim;
        this.lease = lease;
        this.clock = clock;
        this.timeout = timeout;
        this.handler = handler;
        this.runner = Thread.currentThread();
    }

    /**
     * Starts guarding the step the calling thread is about to run.
     *
     * @param timeout how long the step may run, or {@code null} for no limit
     */
    static StepGuard start(StateStore store, Claim claim, Duration lease, Clock clock, Duration timeout,
            TimeoutHandler handler) {
        StepGuard guard = new StepGuard(store, claim, lease, clock, timeout, handler);
        ScheduledExecutorService scheduler = schedulerOf(store);
        long period = Math.max(10, lease.toMillis() / 3);
        synchronized (guard) {
            guard.renewal = scheduler.scheduleWithFixedDelay(guard::renew, period, period, TimeUnit.MILLISECONDS);
            if (timeout != null) {
                guard.deadline = scheduler.schedule(guard::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return guard;
    }

    /** The scheduler thread of {@code store} (by identity; forgotten with the store). */
    private static ScheduledExecutorService schedulerOf(StateStore store) {
        synchronized (SCHEDULERS) {
            return SCHEDULERS.computeIfAbsent(store, s -> {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = new Thread(task, "gamgee-step-guard");
                    thread.setDaemon(true);
                    return thread;
                });
                // almost every step ends long before its first renewal: drop cancelled tasks at once
                // rather than keep thousands queued until their time comes
                executor.setRemoveOnCancelPolicy(true);
                executor.setKeepAliveTime(10, TimeUnit.SECONDS);
                executor.allowCoreThreadTimeOut(true);
                return executor;
            });
        }
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
            LOG.log(Level.WARNING, "cannot renew a lease: " + e.getMessage());
        }
    }

    private void expire() {
        Claim taken;
        StackTraceElement[] where;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            timedOut = true;
            renewal.cancel(false);
            taken = claim;
            claim = null;
            where = runner.getStackTrace();
            runner.interrupt();
        }
        if (taken != null) {
            try {
                handler.timedOut(taken, timeout, where);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "instance " + taken.instanceId() + ": cannot write the timeout of step "
                        + taken.instance().step() + " (" + e + "); it runs again once its lease expires at "
                        + taken.leaseUntil());
            }
        }
    }

    /**
     * Called by the step's own thread once the step returned or threw: stops guarding and returns
     * the latest claim, or {@code null} if it was lost, taken by a timeout or given up. Clears the
     * interrupt a timeout sent, so that it cannot hit the worker's next store call.
     */
    synchronized Claim finish() {
        stop();
        if (timedOut && Thread.currentThread() == runner) {
            Thread.interrupted();
        }
        return claim;
    }

    /** Until when the lease holds, as of the latest renewal (or the claim, if none yet). */
    synchronized Instant leaseUntil(Instant fallback) {
        return claim == null ? fallback : claim.leaseUntil();
    }

    /** Whether the step outlived its timeout (its failure is then written by the handler). */
    synchronized boolean timedOut() {
        return timedOut;
    }

    /**
     * Takes the claim away from the running step (a pool closing past its drain timeout): the
     * caller releases it, and the step's own transition will find no claim.
     */
    synchronized Claim abandon() {
        stop();
        Claim held = claim;
        claim = null;
        return held;
    }

    private void stop() {
        stopped = true;
        if (renewal != null) {
            renewal.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
