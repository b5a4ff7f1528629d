package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StoreException;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Idle threads wait for the next poll, or less: a {@link WorkflowClient} made with the pool's
 * registry wakes them when it submits, and a submit of an instance that is due at once on the
 * pool's own store object inserts it already claimed by the most recently idle thread and wakes
 * that thread alone, so the first step starts without a claim round trip.
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
    /** Every thread the pool started, replaced ones included, in start order. */
    private final List<WorkerSlot> slots = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextQuery = new AtomicInteger();
    private final AtomicInteger nextThread = new AtomicInteger();
    private final AtomicLong replacedThreads = new AtomicLong();
    private final int claimBatch;
    /** Claims made by one thread's batch and not yet started by any. */
    private final Queue<Claim> claimed = new ConcurrentLinkedQueue<>();
    /** Each thread's idle waiter, to count them. */
    private final List<WakeSignal.Idle> idles = new CopyOnWriteArrayList<>();
    private final RepeatedWarnings warnings = new RepeatedWarnings(LOG, Duration.ofMinutes(1));
    private volatile boolean running;
    private volatile InstanceGauge gauge;
    private boolean started;

    private WorkerPool(Builder builder) {
        this.store = builder.store;
        this.worker = builder.worker.build();
        this.strategy = builder.strategy;
        this.drainTimeout = builder.drainTimeout;
        this.threadCount = builder.threads;
        this.claimBatch = builder.claimBatch > 0 ? builder.claimBatch : builder.threads;
        this.signal = builder.registry.signal();
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
     * Checks the store ({@link StateStore#verify()}) and starts the threads. A store that cannot be
     * used as configured (no JDBC driver for its URL, missing tables, wrong credentials) fails here,
     * with the cause as the message, instead of being retried as an outage; a database that is only
     * unreachable is logged and retried by the threads.
     *
     * @throws IllegalStateException if already started
     * @throws StoreException if the store is misconfigured; the pool is then not started
     */
    public synchronized WorkerPool start() {
        if (started) {
            throw new IllegalStateException("worker pool " + worker.workerId() + " was already started");
        }
        try {
            store.verify();
        } catch (StoreException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            LOG.log(Level.WARNING, "worker pool " + worker.workerId() + " starts although its store is unavailable ("
                    + e.getMessage() + "); its threads retry with backoff");
        }
        started = true;
        running = true;
        List<String> types = queries.stream().map(Query::workflowType).distinct().toList();
        gauge = new InstanceGauge(worker.settings().openTelemetry(), store, types, worker.settings().clock());
        for (int i = 0; i < threadCount; i++) {
            startThread();
        }
        // the threads are not daemons on purpose: a server keeps working until it is told to stop
        LOG.log(Level.INFO, () -> "worker pool " + worker.workerId() + " started " + threadCount + " threads for "
                + queries.stream().map(Query::workflowType).toList() + "; they keep the JVM running until close()");
        return this;
    }

    private void startThread() {
        WorkerSlot slot = new WorkerSlot(worker.workerId() + "-" + nextThread.getAndIncrement(), this::stepTimedOut);
        Thread thread = new Thread(() -> run(slot), "gamgee-worker-" + slot.workerId);
        slot.thread = thread;
        slots.add(slot);
        thread.start();
    }

    /** A thread's whole life: the loop, and a replacement should it end while the pool runs. */
    private void run(WorkerSlot slot) {
        try {
            loop(slot);
        } finally {
            if (running && !slot.retired) {
                // only an error thrown while handling an error gets here: keep the pool at strength
                slot.retired = true;
                replace(slot, "ended unexpectedly");
            }
        }
    }

    /** A step of {@code slot}'s thread hung past its timeout: the pool carries on without that thread. */
    private void stepTimedOut(WorkerSlot slot) {
        if (slot.retired) {
            return;
        }
        slot.retired = true;
        replace(slot, "is stuck in a step that outlived its timeout (the step was interrupted; the thread "
                + "ends when the step returns)");
    }

    private synchronized void replace(WorkerSlot slot, String why) {
        if (!running) {
            return;
        }
        long stuck = stuckThreads();
        if (stuck > threadCount) {
            LOG.log(Level.ERROR, "worker thread " + slot.workerId + " " + why + "; not replaced, since " + stuck
                    + " threads of this pool are already stuck in steps that ignore interruption: the pool runs "
                    + "with " + liveThreads() + " of " + threadCount + " threads and reports itself unhealthy");
            return;
        }
        replacedThreads.incrementAndGet();
        LOG.log(Level.WARNING, "worker thread " + slot.workerId + " " + why + "; a new thread takes its place");
        startThread();
    }

    private void loop(WorkerSlot slot) {
        Duration errorBackoff = FIRST_ERROR_BACKOFF;
        WakeSignal.Idle idle = new WakeSignal.Idle(slot.workerId, store, queries, worker.settings().lease(),
                worker.settings().clock());
        idles.add(idle);
        try {
            while (running && !slot.retired) {
                try {
                    long seen = signal.generation();
                    Optional<Claim> claim = nextClaim(slot.workerId);
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
                    if (!running) {
                        return;
                    }
                    // an interrupt meant for a step that timed out arrived late: carry on
                } catch (Throwable e) {
                    // store outages, and anything else: a worker thread never dies of an error
                    warnings.warn("worker " + slot.workerId + ": " + e + "; trying again in "
                            + errorBackoff.toMillis() + " ms", e);
                    if (pause(errorBackoff)) {
                        return;
                    }
                    errorBackoff = errorBackoff.multipliedBy(2).compareTo(MAX_ERROR_BACKOFF) > 0
                            ? MAX_ERROR_BACKOFF : errorBackoff.multipliedBy(2);
                }
            }
        } finally {
            idles.remove(idle);
        }
    }

    /** Sleeps unless the pool closes first; returns whether it is closing. */
    private boolean pause(Duration duration) {
        try {
            return closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return !running;
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

    private void runWorkflow(Claim claim, WorkerSlot slot) {
        if (!running) {
            release(claim);
            return;
        }
        gauge.register();
        StepExecutor.StepOutcome outcome = worker.execute(store, claim, true, slot);
        // a workflow that moved on to a wait, a delayed step or its branches' join continues later
        while (outcome.result() == ExecutionResult.CONTINUED && outcome.next() != null) {
            if (!running || slot.retired) {
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

    /**
     * How many of the pool's threads are alive and taking work: the configured number while the
     * pool is healthy.
     */
    public int liveThreads() {
        int live = 0;
        for (WorkerSlot slot : slots) {
            Thread thread = slot.thread;
            if (!slot.retired && thread != null && thread.isAlive()) {
                live++;
            }
        }
        return live;
    }

    /**
     * How many threads are stuck in a step that outlived its timeout and ignored the interrupt.
     * Each was replaced by a new thread; it ends by itself if its step ever returns.
     */
    public int stuckThreads() {
        int stuck = 0;
        for (WorkerSlot slot : slots) {
            Thread thread = slot.thread;
            if (slot.retired && thread != null && thread.isAlive()) {
                stuck++;
            }
        }
        return stuck;
    }

    /** How many threads the pool started to replace a thread lost to a hung step or an error. */
    public long replacedThreads() {
        return replacedThreads.get();
    }

    /**
     * Whether the pool is running at full strength: started, not closed, and as many live threads
     * as configured. A pool never looks healthy while its threads are gone.
     */
    public boolean isHealthy() {
        return running && liveThreads() == threadCount;
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
    public void close(Duration timeout) {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        InstanceGauge registered = gauge;
        if (registered != null) {
            registered.close();
        }
        closing.countDown();
        signal.signal();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (WorkerSlot slot : slots) {
            if (slot.retired) {
                continue;   // stuck in a hung step already given up on: not worth waiting for
            }
            try {
                slot.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (WorkerSlot slot : slots) {
            if (slot.thread.isAlive()) {
                releaseStuck(slot);
            }
        }
        for (Claim waiting = claimed.poll(); waiting != null; waiting = claimed.poll()) {
            release(waiting);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseStuck(WorkerSlot slot) {
        StepGuard guard = slot.running.get();
        Claim claim = guard == null ? null : guard.abandon();
        if (claim != null) {
            LOG.log(Level.WARNING, "step " + claim.instance().step() + " of instance " + claim.instanceId()
                    + " did not finish within the drain timeout; releasing its lease, the step will run again");
            release(claim);
        }
        slot.thread.interrupt();
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
        private int threads = WorkerDefaults.THREADS;
        private Query query = Query.all();
        private FetchStrategy strategy = WorkerDefaults.FETCH_STRATEGY;
        private Duration drainTimeout = WorkerDefaults.DRAIN_TIMEOUT;
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

        /** The clock for due times, leases and backoff; default the system UTC clock. */
        public Builder clock(Clock clock) {
            worker.clock(clock);
            return this;
        }

        /** The OpenTelemetry to make step spans with; default the global one, looked up per span. */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            worker.openTelemetry(openTelemetry);
            return this;
        }

        /** A supplier of the OpenTelemetry, asked per span (for containers that install it late). */
        public Builder openTelemetry(Supplier<OpenTelemetry> openTelemetry) {
            worker.openTelemetry(openTelemetry);
            return this;
        }

        /** The cap on a retry's backoff; default 1 h. */
        public Builder maxBackoff(Duration maxBackoff) {
            worker.maxBackoff(maxBackoff);
            return this;
        }

        /** The source of backoff jitter. */
        public Builder random(RandomGenerator random) {
            worker.random(random);
            return this;
        }

        /**
         * How long one try of a step may run when its diagram sets no {@code timeoutMs}; default 5
         * minutes. A try that runs longer counts as a failed attempt; its thread is interrupted and,
         * should the step ignore that, replaced by a new one (see {@link WorkerPool#stuckThreads()}).
         */
        public Builder stepTimeout(Duration stepTimeout) {
            worker.stepTimeout(stepTimeout);
            return this;
        }

        /** The step timeout of one workflow type's steps that set no {@code timeoutMs}. */
        public Builder stepTimeout(String workflowType, Duration stepTimeout) {
            worker.stepTimeout(workflowType, stepTimeout);
            return this;
        }

        /** The pool, not yet started. */
        public WorkerPool build() {
            return new WorkerPool(this);
        }
    }
}
