package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A JVM-local "new work" signal, so that workers run an instance submitted in the same JVM at once
 * instead of at their next poll. Work submitted by other JVMs is found by polling; the signal only
 * shortens the wait. Each {@link WorkflowRegistry} holds one: the pools and workers running a
 * registry's workflows wait on it, and the {@link WorkflowClient}s made with that registry signal
 * it, so the sharing is explicit rather than looked up by store.
 *
 * <p>Idle pool threads also wait here as {@link Idle} waiters that a submit can hand its new
 * instance to: the submit inserts the instance already claimed by that thread and wakes only it,
 * so the first step starts without a claim of its own and without idle threads racing for it.
 *
 * <p>Idle waiters park on their own thread rather than on this object's monitor, so that a hand-over
 * wakes the one thread it is for, not every idle thread of every pool (on a machine with few cores,
 * the others' wake-ups delay the one that has work).
 */
final class WakeSignal {

    /** Most due hints kept; beyond them the earliest win, the rest are found by polling. */
    /** Work due later than this is left to the workers' polling. */
    private static final Duration LONGEST_HINT = Duration.ofMinutes(10);
    private static final int MAX_DUE_HINTS = 4096;
    /** A millisecond past the due time, so that the claim's "due" comparison surely holds. */
    private static final long DUE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private long generation;
    /** When work scheduled by this JVM (retries, delayed starts) comes due, in {@link System#nanoTime()}. */
    private final PriorityQueue<Long> dues = new PriorityQueue<>();
    /** Idle waiters, the most recently idle first (its thread is the warmest). */
    private final Deque<Idle> idle = new ArrayDeque<>();

    WakeSignal() {
    }

    /** A token to pass to {@link #await}: wakes only for signals after this call. */
    synchronized long generation() {
        return generation;
    }

    /** Wakes every waiter. */
    synchronized void signal() {
        generation++;
        wakeAll();
    }

    /** Wakes the waiters of {@link #await} and every idle waiter; the caller holds the monitor. */
    private void wakeAll() {
        notifyAll();
        for (Idle waiter : idle) {
            LockSupport.unpark(waiter.thread);
        }
    }

    /**
     * Notes that work this JVM scheduled becomes due after {@code delay}, so that an idle waiter
     * wakes for it then rather than at its next poll.
     */
    synchronized void dueIn(Duration delay) {
        if (delay.compareTo(LONGEST_HINT) > 0) {
            return;   // a poll finds it in time; a far-off hint would only crowd out near ones
        }
        long at = System.nanoTime() + Math.max(0, delay.toNanos()) + DUE_MARGIN_NANOS;
        if (dues.size() >= MAX_DUE_HINTS) {
            return;   // a backlog of scheduled work: the workers are busy, polling finds the rest
        }
        dues.add(at);
        wakeAll();
    }

    /**
     * Takes every due hint that has come due (one look for work covers them all, so hints left
     * from a busy spell cost one claim, not one each); returns the nanos until the next one, or
     * {@code Long.MAX_VALUE}.
     */
    private long nextDue(long now, boolean[] cameDue) {
        Long due = dues.peek();
        while (due != null && due - now <= 0) {
            dues.poll();
            cameDue[0] = true;
            due = dues.peek();
        }
        if (cameDue[0]) {
            return 0;
        }
        return due == null ? Long.MAX_VALUE : due - now;
    }

    /**
     * Waits until a signal after {@code seen} arrives or {@code nanos} pass.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    synchronized void await(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits like {@link #await}, as {@code waiter}, which a submit may meanwhile hand an instance to.
     * Once reserved by a submit, it waits for that submit to hand over or give up, whatever the time.
     *
     * @return the claim handed over, or {@code null} after a signal or the timeout
     * @throws InterruptedException if interrupted; an instance handed over later is then released
     *     by its submitter
     */
    Claim awaitIdle(long seen, long nanos, Idle waiter) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (this) {
            waiter.thread = Thread.currentThread();
            idle.addFirst(waiter);
        }
        boolean[] cameDue = new boolean[1];
        try {
            while (true) {
                long park;
                synchronized (this) {
                    Claim claim = waiter.handedOver;
                    if (claim != null) {
                        waiter.handedOver = null;
                        return claim;
                    }
                    long now = System.nanoTime();
                    long left = deadline - now;
                    if (waiter.reserved) {
                        park = Long.MAX_VALUE;
                    } else {
                        long untilDue = nextDue(now, cameDue);
                        if (generation != seen || left <= 0 || cameDue[0]) {
                            return null;
                        }
                        park = Math.min(left, untilDue);
                    }
                    if (Thread.interrupted()) {
                        // a submit's hand-over to this waiter then fails, and it releases the instance
                        waiter.reserved = false;
                        throw new InterruptedException();
                    }
                }
                // returns early on an unpark, an interrupt or spuriously: the state above is looked at again
                if (park == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, park);
                }
            }
        } finally {
            synchronized (this) {
                idle.remove(waiter);
            }
        }
    }

    /** How many of {@code waiters} are waiting idle now (not reserved by a submit). */
    synchronized int countIdle(List<Idle> waiters) {
        int count = 0;
        for (Idle waiter : waiters) {
            if (idle.contains(waiter)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Reserves an idle waiter that claims from {@code store} (the same object: a claim is only
     * handed to a thread that will present it to the store that made it) and runs
     * {@code workflowType} from {@code step}, or returns {@code null}.
     */
    Idle reserve(StateStore store, String workflowType, String step) {
        return reserve(store, workflowType, List.of(step));
    }

    /**
     * Reserves an idle waiter as {@link #reserve(StateStore, String, String)} does, one that runs
     * every one of {@code steps} (where an event may lead), or returns {@code null}.
     */
    synchronized Idle reserve(StateStore store, String workflowType, Collection<String> steps) {
        for (Iterator<Idle> waiters = idle.iterator(); waiters.hasNext(); ) {
            Idle waiter = waiters.next();
            if (waiter.store == store && steps.stream().allMatch(step -> waiter.accepts(workflowType, step))) {
                waiters.remove();
                waiter.reserved = true;
                return waiter;
            }
        }
        return null;
    }

    /**
     * Hands {@code claim} to the waiter reserved for it.
     *
     * @return {@code false} if the waiter stopped waiting meanwhile (the caller releases the claim)
     */
    synchronized boolean handOver(Idle waiter, Claim claim) {
        if (!waiter.reserved) {
            return false;
        }
        waiter.handedOver = claim;
        waiter.reserved = false;
        LockSupport.unpark(waiter.thread);
        return true;
    }

    /** Gives a reserved waiter back without an instance when nothing became due: it waits on. */
    synchronized void giveBack(Idle waiter) {
        if (waiter.reserved) {
            waiter.reserved = false;
            idle.addFirst(waiter);   // reserve took it out; it waits on as before,
            LockSupport.unpark(waiter.thread);   // until its poll again rather than for a hand-over
        }
    }

    /** Gives a reserved waiter back without an instance, and wakes every waiter to look for work. */
    synchronized void cancel(Idle waiter) {
        waiter.reserved = false;
        generation++;
        wakeAll();
        LockSupport.unpark(waiter.thread);
    }

    /** A pool thread waiting for work, described so that a submit can tell whether it fits. */
    static final class Idle {
        final String workerId;
        private final StateStore store;
        private final List<Query> queries;
        private final Duration lease;
        private final Clock clock;
        private boolean reserved;
        private Claim handedOver;
        /** The thread waiting as this waiter, the one a hand-over unparks. */
        private Thread thread;

        Idle(String workerId, StateStore store, List<Query> queries, Duration lease, Clock clock) {
            this.workerId = workerId;
            this.store = store;
            this.queries = queries;
            this.lease = lease;
            this.clock = clock;
        }

        boolean accepts(String workflowType, String step) {
            for (Query query : queries) {
                if (workflowType.equals(query.workflowType()) && (query.step() == null || query.step().equals(step))) {
                    return true;
                }
            }
            return false;
        }

        /** The end of a lease taken for this waiter now. */
        Instant leaseUntil() {
            return clock.instant().plus(lease);
        }
    }
}
