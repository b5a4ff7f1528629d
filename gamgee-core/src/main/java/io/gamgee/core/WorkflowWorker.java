package io.gamgee.core;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Claims due workflow instances from a store and runs their steps, one persisted transition per
 * step. Each call claims one instance; for long-running workers use {@link WorkerPool}.
 *
 * <pre>{@code
 * WorkflowWorker worker = new WorkflowWorker(WorkflowRegistry.of(ConditionsWorkflow::new));
 * ExecutionResult result = worker.executeWaitingWorkflow(
 *         store, Query.workflowType("ConditionsWorkflow"), FetchStrategy.RANDOM, Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>What a claimed step leads to:
 * <ul>
 *   <li>the step returns: the instance advances to the next step (attempts reset) or completes;</li>
 *   <li>the step throws: it is retried after a full-jitter backoff, or, when its attempts are used
 *       up, the instance becomes unrecoverable with the error kept;</li>
 *   <li>the payload cannot be decoded, the step is not in the registered definition (the diagram
 *       changed), or the step asks for a transition the diagram does not have: unrecoverable at
 *       once, with a message that says why;</li>
 *   <li>the workflow type is not registered here: the claim is left to expire, so that a worker
 *       that has the type (e.g. a newer node in a rolling deploy) takes it;</li>
 *   <li>the claim was lost meanwhile (lease expired and another worker took over, or the instance
 *       was cancelled): the result is discarded and the call returns {@link ExecutionResult#STOPPED}.</li>
 * </ul>
 * Steps therefore run at least once; see {@link WorkflowBase}.
 *
 * <p>Thread-safe: one worker may be used by many threads. Store exceptions propagate to the caller.
 */
public final class WorkflowWorker {

    private static final System.Logger LOG = System.getLogger(WorkflowWorker.class.getName());

    private final WorkerSettings settings;
    private final StepExecutor executor;
    private final WorkflowRegistry registry;

    /** A worker with default options (see {@link Builder}). */
    public WorkflowWorker(WorkflowRegistry registry) {
        this(builder(registry));
    }

    private WorkflowWorker(Builder builder) {
        this.settings = new WorkerSettings(builder.workerId, builder.clock, builder.openTelemetry, builder.lease,
                builder.maxBackoff, builder.random, builder.pollInterval, builder.stepTimeout,
                Map.copyOf(builder.workflowStepTimeouts));
        this.executor = new StepExecutor(builder.registry, settings);
        this.registry = builder.registry;
    }

    /** Options for a worker over {@code registry}. */
    public static Builder builder(WorkflowRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Claims one due instance matching {@code query} and runs its current step.
     *
     * @param fetchTimeout how long to wait for a due instance; {@link Duration#ZERO} looks once
     * @return {@link ExecutionResult#CONTINUED} when the instance moved on to its next step (now due
     *     for any worker), otherwise what became of it, or {@link ExecutionResult#NO_TASKS_WAITING}
     */
    public ExecutionResult executeWaitingTask(StateStore store, Query query, FetchStrategy strategy,
            Duration fetchTimeout) {
        Optional<Claim> claim = awaitClaim(store, query, strategy, fetchTimeout, settings.workerId());
        if (claim.isEmpty()) {
            return ExecutionResult.NO_TASKS_WAITING;
        }
        return executor.execute(store, claim.get(), false, null).result();
    }

    /**
     * Claims one due instance matching {@code query} and runs its steps one after another, keeping
     * the lease between them, until it completes, stops (a retry is scheduled or the claim was
     * lost), becomes unrecoverable, or moves on to where it continues later ({@code CONTINUED}: a
     * wait, a delayed step or a fork's join). After a fork it runs the first branch to its end.
     *
     * @param fetchTimeout how long to wait for a due instance; {@link Duration#ZERO} looks once
     * @return {@link ExecutionResult#COMPLETED}, {@link ExecutionResult#STOPPED},
     *     {@link ExecutionResult#UNRECOVERABLE} or {@link ExecutionResult#NO_TASKS_WAITING}
     */
    public ExecutionResult executeWaitingWorkflow(StateStore store, Query query, FetchStrategy strategy,
            Duration fetchTimeout) {
        Optional<Claim> claim = awaitClaim(store, query, strategy, fetchTimeout, settings.workerId());
        if (claim.isEmpty()) {
            return ExecutionResult.NO_TASKS_WAITING;
        }
        StepExecutor.StepOutcome outcome = executor.execute(store, claim.get(), true, null);
        while (outcome.result() == ExecutionResult.CONTINUED && outcome.next() != null) {
            outcome = executor.execute(store, outcome.next(), true, null);
        }
        return outcome.result();
    }

    /** This worker's id, the lease owner of its claims. */
    public String workerId() {
        return settings.workerId();
    }

    /** How many step methods this worker has invoked. */
    public long stepsExecuted() {
        return executor.stepsExecuted.get();
    }

    /** How many step methods threw. */
    public long stepFailures() {
        return executor.stepFailures.get();
    }

    WorkerSettings settings() {
        return settings;
    }

    /** Claims once, for the pool, which does its own waiting. */
    Optional<Claim> claim(StateStore store, Query query, FetchStrategy strategy, String workerId) {
        Instant now = settings.clock().instant();
        return store.claim(query, strategy, workerId, now, now.plus(settings.lease()));
    }

    /** Claims up to {@code max} at once, for the pool. */
    List<Claim> claimBatch(StateStore store, Query query, FetchStrategy strategy, String workerId, int max) {
        Instant now = settings.clock().instant();
        return store.claimBatch(query, strategy, workerId, now, now.plus(settings.lease()), max);
    }

    /**
     * A claim that waited in a pool: as it is while at least half its lease is left, else renewed
     * (empty if it was lost meanwhile, or if the store failed to renew it).
     */
    Optional<Claim> refreshIfAging(StateStore store, Claim claim) {
        Instant now = settings.clock().instant();
        if (claim.leaseUntil().isAfter(now.plus(settings.lease().dividedBy(2)))) {
            return Optional.of(claim);
        }
        try {
            return store.renewLease(claim, now.plus(settings.lease()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot renew the waiting claim on instance " + claim.instanceId()
                    + "; it becomes due for any worker when its lease expires at " + claim.leaseUntil(), e);
            return Optional.empty();
        }
    }

    StepExecutor.StepOutcome execute(StateStore store, Claim claim, boolean keepLease,
            WorkerSlot slot) {
        return executor.execute(store, claim, keepLease, slot);
    }

    private Optional<Claim> awaitClaim(StateStore store, Query query, FetchStrategy strategy, Duration fetchTimeout,
            String workerId) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(strategy, "strategy");
        WakeSignal signal = registry.signal();
        long deadline = System.nanoTime() + fetchTimeout.toNanos();
        while (true) {
            long seen = signal.generation();
            Optional<Claim> claim = claim(store, query, strategy, workerId);
            long left = deadline - System.nanoTime();
            if (claim.isPresent() || left <= 0) {
                return claim;
            }
            try {
                // a same-JVM submit wakes us at once; work from other JVMs or coming due is found by polling
                signal.await(seen, Math.min(left, settings.pollInterval().toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** A default worker id: host, process and a random suffix, so that lease owners are traceable. */
    static String defaultWorkerId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Options of a {@link WorkflowWorker}. */
    public static final class Builder {
        private final WorkflowRegistry registry;
        private String workerId = defaultWorkerId();
        private Clock clock = Clock.systemUTC();
        private Supplier<OpenTelemetry> openTelemetry = GlobalOpenTelemetry::get;
        private Duration lease = WorkerDefaults.LEASE;
        private Duration maxBackoff = WorkerDefaults.MAX_BACKOFF;
        private RandomGenerator random = RandomGenerator.getDefault();
        private Duration pollInterval = WorkerDefaults.POLL_INTERVAL;
        private Duration stepTimeout = WorkerDefaults.STEP_TIMEOUT;
        private final Map<String, Duration> workflowStepTimeouts = new HashMap<>();

        private Builder(WorkflowRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** The lease owner written with each claim; default: {@code pid@host-<random>}. */
        public Builder workerId(String workerId) {
            if (workerId == null || workerId.isBlank()) {
                throw new IllegalArgumentException("workerId must not be blank");
            }
            this.workerId = workerId;
            return this;
        }

        /** The clock for due times, leases and backoff; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The OpenTelemetry to make step spans with; default {@link GlobalOpenTelemetry}, looked up per span. */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            Objects.requireNonNull(openTelemetry, "openTelemetry");
            this.openTelemetry = () -> openTelemetry;
            return this;
        }

        /** A supplier of the OpenTelemetry, asked per span (for containers that install it late). */
        public Builder openTelemetry(Supplier<OpenTelemetry> openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /** How long a claim holds before another worker may take over; renewed while a step runs. Default 30 s. */
        public Builder lease(Duration lease) {
            this.lease = requirePositive(lease, "lease");
            return this;
        }

        /** The cap on a retry's backoff; default 1 h. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = requirePositive(maxBackoff, "maxBackoff");
            return this;
        }

        /** The source of backoff jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How often a waiting call looks again when nothing wakes it; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = requirePositive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * How long one try of a step may run when its diagram sets no {@code timeoutMs}; default
         * 5 minutes. A try that runs longer counts as a failed attempt (see {@link StepTimeoutException}).
         */
        public Builder stepTimeout(Duration stepTimeout) {
            this.stepTimeout = requirePositive(stepTimeout, "stepTimeout");
            return this;
        }

        /**
         * The step timeout of one workflow type's steps that set no {@code timeoutMs} of their own,
         * instead of {@link #stepTimeout(Duration)}.
         */
        public Builder stepTimeout(String workflowType, Duration stepTimeout) {
            Objects.requireNonNull(workflowType, "workflowType");
            workflowStepTimeouts.put(workflowType, requirePositive(stepTimeout, "stepTimeout of " + workflowType));
            return this;
        }

        /** The worker. */
        public WorkflowWorker build() {
            return new WorkflowWorker(this);
        }

        static Duration requirePositive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
