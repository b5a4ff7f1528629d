package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches one running step. It renews the step's lease every third of the lease, so a long step is
 * not taken over, and holds the latest claim, since every renewal moves the version the step's
 * transition must present. When the step outlives its timeout, the guard takes the claim away from
 * it, interrupts its thread and hands the claim to a {@link TimeoutHandler}, which writes the
 * failed attempt; whatever the step returns later finds no claim and is discarded.
 *
 * <p>Guards run on one timer thread per store, so a store whose database hangs delays only its
 * own renewals, never another store's. Starting and finishing a guard does not wake that thread:
 * almost every step ends long before its first renewal, and a wake-up per step would cost a thread
 * switch per step on a machine with few cores.
 */
final class StepGuard {

    private static final System.Logger LOG = System.getLogger(StepGuard.class.getName());
    private static final Map<StateStore, Timer> TIMERS = new WeakHashMap<>();

    /** Writes the failure of a step that timed out; runs on the store's timer thread. */
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
    private final Timer timer;
    private final long period;
    private Claim claim;
    private boolean stopped;
    private boolean timedOut;
    private Timer.Task renewal;
    private Timer.Task deadline;

    private StepGuard(StateStore store, Claim claim, Duration lease, Clock clock, Duration timeout,
            TimeoutHandler handler) {
        this.store = store;
        this.claim = claim;
        this.lease = lease;
        this.clock = clock;
        this.timeout = timeout;
        this.handler = handler;
        this.runner = Thread.currentThread();
        this.timer = timerOf(store);
        this.period = TimeUnit.MILLISECONDS.toNanos(Math.max(10, lease.toMillis() / 3));
    }

    /**
     * Starts guarding the step the calling thread is about to run.
     *
     * @param timeout how long the step may run, or {@code null} for no limit
     */
    static StepGuard start(StateStore store, Claim claim, Duration lease, Clock clock, Duration timeout,
            TimeoutHandler handler) {
        StepGuard guard = new StepGuard(store, claim, lease, clock, timeout, handler);
        synchronized (guard) {
            guard.renewal = guard.timer.schedule(guard::renew, guard.period);
            if (timeout != null) {
                guard.deadline = guard.timer.schedule(guard::expire, timeout.toNanos());
            }
        }
        return guard;
    }

    /** The timer of {@code store} (by identity; forgotten with the store). */
    private static Timer timerOf(StateStore store) {
        synchronized (TIMERS) {
            return TIMERS.computeIfAbsent(store, s -> new Timer());
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
        } finally {
            // a period after this renewal ended, as long as the step runs and holds its claim
            if (!stopped && claim != null) {
                renewal = timer.schedule(this::renew, period);
            }
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
            timer.cancel(renewal);
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
        timer.cancel(renewal);
        timer.cancel(deadline);
    }

    /**
     * One daemon thread running tasks at their time. Unlike a {@code ScheduledThreadPoolExecutor},
     * which wakes its thread whenever a task becomes the earliest one (so once per step whenever no
     * other step runs), it wakes its thread only for a task due before the time the thread already
     * sleeps until; cancelling never wakes it. Cancelled tasks leave the queue at once, so it holds
     * about as many tasks as steps are running. The thread ends after 10 s without tasks and starts
     * again with the next one.
     */
    static final class Timer {
        private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(10);

        private final PriorityQueue<Task> tasks = new PriorityQueue<>();
        private long sequence;
        private Thread thread;
        /** When the thread wakes by itself, in {@link System#nanoTime()}, or {@code Long.MAX_VALUE}. */
        private long wakesAt = Long.MAX_VALUE;
        private boolean sleeping;
        /** When a task was last scheduled: the thread lives on for the keep-alive after it. */
        private long lastScheduled;

        /** Runs {@code action} on the timer's thread after {@code delayNanos}. */
        synchronized Task schedule(Runnable action, long delayNanos) {
            long now = System.nanoTime();
            Task task = new Task(action, now + delayNanos, sequence++);
            tasks.add(task);
            lastScheduled = now;
            if (thread == null) {
                thread = new Thread(this::run, "gamgee-step-guard");
                thread.setDaemon(true);
                thread.start();
            } else if (sleeping && task.due - wakesAt < 0) {
                // due before the thread wakes by itself; otherwise it finds the task when it wakes
                notifyAll();
            }
            return task;
        }

        /** Forgets {@code task} if it has not run yet; {@code null} is ignored. */
        synchronized void cancel(Task task) {
            if (task != null) {
                tasks.remove(task);
            }
        }

        /** How many tasks wait (for tests). */
        synchronized int pending() {
            return tasks.size();
        }

        private void run() {
            while (true) {
                Task next;
                synchronized (this) {
                    next = due();
                    if (next == null) {
                        thread = null;
                        return;
                    }
                }
                try {
                    next.action.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "a step guard failed: " + e, e);
                }
            }
        }

        /**
         * Waits for the next due task and takes it, or returns {@code null} once no task was
         * scheduled for the keep-alive and none waits.
         */
        private Task due() {
            sleeping = true;
            try {
                while (true) {
                    long now = System.nanoTime();
                    Task head = tasks.peek();
                    if (head != null && head.due - now <= 0) {
                        return tasks.poll();
                    }
                    if (head == null && now - lastScheduled >= KEEP_ALIVE_NANOS) {
                        return null;
                    }
                    wakesAt = head != null ? head.due : lastScheduled + KEEP_ALIVE_NANOS;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, wakesAt - now);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread on purpose; go on keeping the leases
                    }
                }
            } finally {
                sleeping = false;
                wakesAt = Long.MAX_VALUE;
            }
        }

        /** A scheduled action; the sequence keeps tasks due at the same nanosecond in order. */
        static final class Task implements Comparable<Task> {
            private final Runnable action;
            private final long due;
            private final long seq;

            private Task(Runnable action, long due, long seq) {
                this.action = action;
                this.due = due;
                this.seq = seq;
            }

            @Override
            public int compareTo(Task other) {
                int byDue = Long.compare(due - other.due, 0);
                return byDue != 0 ? byDue : Long.compare(seq, other.seq);
            }
        }
    }
}
