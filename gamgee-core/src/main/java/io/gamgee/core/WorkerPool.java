package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Long-running workers: N threads that each claim a due instance, run its steps while they keep
 * its lease, and claim the next.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.builder(registry, store).threads(4).build()) {
 *     pool.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>A thread that finds no claim waiting in the pool claims a batch (by default as many as the
 * pool has threads) in one store call, runs the first and leaves the rest to the pool's other
 * threads, so that claims cost a fraction of a commit each when there is a backlog. A claim that
 * waited so long that less than half its lease is left is renewed before it runs.
 *
 * <p>Idle threads wait for the next poll, or less: a submit through this JVM of an instance that is
 * due at once inserts it already claimed by the most recently idle thread and wakes that thread
 * alone, so the first step starts without a claim round trip.
 * A query without a workflow type claims only the registered types, in turn. A store failure is
 * logged and retried with exponential backoff (up to 30 s); it never ends a thread.
 * {@link #close()} stops claiming, lets running steps finish within the drain timeout, releases the
 * leases it still holds (a step still running past the timeout loses its claim; its result will be
 * discarded and the step runs again elsewhere) and stops the threads.
 */
public final class WorkerPool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    private static final Duration FIRST_ERROR_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_ERROR_BACKOFF = Duration.ofSeconds(30);

    private final StateStore store;
    private final WorkflowWorker worker;
    private final List<Query> queries;
    private final FetchStrategy strategy;
    private final Duration drainTimeout;
    private final int threadCount;
    private final WakeSignal signal;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final List<AtomicReference<LeaseRenewal>> inFlight = new ArrayList<>();
    private final AtomicInteger nextQuery = new AtomicInteger();
    private final int claimBatch;
    /** Claims made by one thread's batch and not yet started by any. */
    private final Queue<Claim> claimed = new ConcurrentLinkedQueue<>();
    /** Each thread's idle waiter, to count them. */
    private final List<WakeSignal.Idle> idles = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private boolean started;

    private WorkerPool(Builder builder) {
        this.store = builder.store;
        this.worker = builder.worker.build();
        this.strategy = builder.strategy;
        this.drainTimeout = builder.drainTimeout;
        this.threadCount = builder.threads;
        this.claimBatch = builder.claimBatch > 0 ? builder.claimBatch : builder.threads;
        this.signal = WakeSignal.of(store);
        this.queries = queriesFor(builder.query, builder.registry);
    }

    private static List<Query> queriesFor(Query query, WorkflowRegistry registry) {
        if (query.workflowType() != null) {
            return List.of(query);
        }
        return registry.workflowTypes().stream().map(type -> new Query(type, query.step())).toList();
    }

    /** Options for a pool running {@code registry}'s workflows on {@code store}. */
    public static Builder builder(WorkflowRegistry registry, StateStore store) {
        return new Builder(registry, store);
    }

    /**
     * Starts the threads.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized WorkerPool start() {
        if (started) {
            throw new IllegalStateException("worker pool " + worker.workerId() + " was already started");
        }
        started = true;
        running = true;
        for (int i = 0; i < threadCount; i++) {
            AtomicReference<LeaseRenewal> slot = new AtomicReference<>();
            String workerId = worker.workerId() + "-" + i;
            Thread thread = new Thread(() -> loop(workerId, slot), "gamgee-worker-" + workerId);
            inFlight.add(slot);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void loop(String workerId, AtomicReference<LeaseRenewal> slot) {
        Duration errorBackoff = FIRST_ERROR_BACKOFF;
        WakeSignal.Idle idle = new WakeSignal.Idle(workerId, queries, worker.settings().lease(),
                worker.settings().clock());
        idles.add(idle);
        while (running) {
            try {
                long seen = signal.generation();
                Optional<Claim> claim = nextClaim(workerId);
                if (claim.isPresent()) {
                    runWorkflow(claim.get(), slot);
                } else {
                    Claim handedOver = signal.awaitIdle(seen, worker.settings().pollInterval().toNanos(), idle);
                    if (handedOver != null) {
                        runWorkflow(handedOver, slot);
                    }
                }
                errorBackoff = FIRST_ERROR_BACKOFF;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "worker " + workerId + ": " + e.getMessage() + "; trying again in "
                        + errorBackoff.toMillis() + " ms", e);
                if (pause(errorBackoff)) {
                    return;
                }
                errorBackoff = errorBackoff.multipliedBy(2).compareTo(MAX_ERROR_BACKOFF) > 0
                        ? MAX_ERROR_BACKOFF : errorBackoff.multipliedBy(2);
            }
        }
    }

    /** Sleeps unless the pool closes first; returns whether it is closing. */
    private boolean pause(Duration duration) {
        try {
            return closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** A claim another thread's batch left, if one is still worth running, else a new batch's first. */
    private Optional<Claim> nextClaim(String workerId) {
        for (Claim waiting = claimed.poll(); waiting != null; waiting = claimed.poll()) {
            Optional<Claim> fresh = worker.refreshIfAging(store, waiting);
            if (fresh.isPresent()) {
                return fresh;
            }
        }
        int start = nextQuery.getAndIncrement();
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(Math.floorMod(start + i, queries.size()));
            List<Claim> batch = worker.claimBatch(store, query, strategy, workerId, claimBatch);
            if (!batch.isEmpty()) {
                if (batch.size() > 1) {
                    claimed.addAll(batch.subList(1, batch.size()));
                    signal.signal();
                }
                return Optional.of(batch.get(0));
            }
        }
        return Optional.empty();
    }

    private void runWorkflow(Claim claim, AtomicReference<LeaseRenewal> slot) {
        if (!running) {
            release(claim);
            return;
        }
        StepExecutor.StepOutcome outcome = worker.execute(store, claim, true, slot);
        while (outcome.result() == ExecutionResult.CONTINUED) {
            if (!running) {
                store.release(outcome.next());
                return;
            }
            outcome = worker.execute(store, outcome.next(), true, slot);
        }
    }

    /** How many step methods the pool has invoked. */
    public long stepsExecuted() {
        return worker.stepsExecuted();
    }

    /** How many step methods threw. */
    public long stepFailures() {
        return worker.stepFailures();
    }

    /** How many threads are waiting for work right now (a submit in this JVM goes straight to one). */
    public int idleThreads() {
        return signal.countIdle(idles);
    }

    /** Whether the pool is started and not closed. */
    public boolean isRunning() {
        return running;
    }

    /** Closes with the drain timeout given to the builder (default 30 s). */
    @Override
    public void close() {
        close(drainTimeout);
    }

    /**
     * Stops claiming, waits up to {@code timeout} for running steps to finish, then takes back the
     * leases of steps still running and stops the threads. Idempotent.
     */
    public synchronized void close(Duration timeout) {
        if (!running) {
            return;
        }
        running = false;
        closing.countDown();
        signal.signal();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isAlive()) {
                releaseStuck(threads.get(i), inFlight.get(i));
            }
        }
        for (Claim waiting = claimed.poll(); waiting != null; waiting = claimed.poll()) {
            release(waiting);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseStuck(Thread thread, AtomicReference<LeaseRenewal> slot) {
        LeaseRenewal renewal = slot.get();
        Claim claim = renewal == null ? null : renewal.abandon();
        if (claim != null) {
            LOG.log(Level.WARNING, "step " + claim.instance().step() + " of instance " + claim.instanceId()
                    + " did not finish within the drain timeout; releasing its lease, the step will run again");
            release(claim);
        }
        thread.interrupt();
    }

    private void release(Claim claim) {
        try {
            store.release(claim);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot release the lease of instance " + claim.instanceId()
                    + "; it becomes due when the lease expires at " + claim.leaseUntil(), e);
        }
    }

    /** Options of a {@link WorkerPool}; worker options are the same as {@link WorkflowWorker.Builder}'s. */
    public static final class Builder {
        private final WorkflowRegistry registry;
        private final StateStore store;
        private final WorkflowWorker.Builder worker;
        private int threads = 4;
        private Query query = Query.all();
        private FetchStrategy strategy = FetchStrategy.OLDEST;
        private Duration drainTimeout = Duration.ofSeconds(30);
        private int claimBatch;

        private Builder(WorkflowRegistry registry, StateStore store) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.store = Objects.requireNonNull(store, "store");
            this.worker = WorkflowWorker.builder(registry);
        }

        /** How many worker threads; default 4. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * How many instances a thread claims in one store call when the pool holds none; the
         * others wait in the pool for its next free thread. Default: the number of threads. 1
         * claims one at a time, which spreads a backlog most evenly over many nodes.
         */
        public Builder claimBatch(int claimBatch) {
            if (claimBatch < 1) {
                throw new IllegalArgumentException("claimBatch must be at least 1, was " + claimBatch);
            }
            this.claimBatch = claimBatch;
            return this;
        }

        /** How often idle threads look for due work nothing woke them for; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            worker.pollInterval(pollInterval);
            return this;
        }

        /** The lease of each claim, renewed while a step runs; default 30 s. */
        public Builder lease(Duration lease) {
            worker.lease(lease);
            return this;
        }

        /** Which due instance to claim first; default {@link FetchStrategy#OLDEST}. */
        public Builder fetchStrategy(FetchStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Which instances to claim; default all registered workflow types. */
        public Builder query(Query query) {
            this.query = Objects.requireNonNull(query, "query");
            return this;
        }

        /** How long {@link #close()} waits for running steps; default 30 s. */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = WorkflowWorker.Builder.requirePositive(drainTimeout, "drainTimeout");
            return this;
        }

        /** The lease owner prefix; each thread appends {@code -<n>}. */
        public Builder workerId(String workerId) {
            worker.workerId(workerId);
            return this;
        }

        public Builder clock(Clock clock) {
            worker.clock(clock);
            return this;
        }

        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            worker.openTelemetry(openTelemetry);
            return this;
        }

        public Builder openTelemetry(Supplier<OpenTelemetry> openTelemetry) {
            worker.openTelemetry(openTelemetry);
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            worker.maxBackoff(maxBackoff);
            return this;
        }

        public Builder random(RandomGenerator random) {
            worker.random(random);
            return this;
        }

        /** The pool, not yet started. */
        public WorkerPool build() {
            return new WorkerPool(this);
        }
    }
}
