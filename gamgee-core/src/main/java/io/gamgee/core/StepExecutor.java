package io.gamgee.core;

import io.gamgee.core.WorkflowRegistry.Registration;
import io.gamgee.core.definition.DecisionDefinition;
import io.gamgee.core.definition.ForkDefinition;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one claimed step and writes its transition: the heart of a worker. See DESIGN.md,
 * "Durability": the step runs outside any store transaction, inside its span; the transition is
 * guarded by the claim, so a lost claim discards the result.
 */
final class StepExecutor {

    private static final System.Logger LOG = System.getLogger(WorkflowWorker.class.getName());
    /** How soon, and how late at most, a parent waiting for its branches is looked at again. */
    private static final Duration MIN_RECHECK = Duration.ofMinutes(1);
    private static final Duration MAX_RECHECK = Duration.ofHours(1);

    /**
     * What one step did.
     *
     * @param result the step's result for callers
     * @param next the claim on the next step when the lease was kept, else {@code null}
     */
    record StepOutcome(ExecutionResult result, Claim next) {
    }

    private final WorkflowRegistry registry;
    private final WorkerSettings settings;
    private final StepSpans spans;
    private final StepMetrics metrics;
    final AtomicLong stepsExecuted = new AtomicLong();
    final AtomicLong stepFailures = new AtomicLong();

    StepExecutor(WorkflowRegistry registry, WorkerSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.spans = new StepSpans(settings.openTelemetry());
        this.metrics = new StepMetrics(settings.openTelemetry());
    }

    /**
     * Runs the claimed instance's step.
     *
     * @param keepLease whether an advance keeps the lease, so the caller can run the next step
     * @param slot the pool thread's slot (told of timeouts, holds the running step's guard), or {@code null}
     */
    StepOutcome execute(StateStore store, Claim claim, boolean keepLease, WorkerSlot slot) {
        WorkflowInstance instance = claim.instance();
        Optional<Registration> registration = registry.find(instance.workflowType());
        if (registration.isEmpty()) {
            // another node may have this type registered: let the lease run out instead of failing it
            LOG.log(Level.WARNING, "instance " + instance.instanceId() + ": workflow type " + instance.workflowType()
                    + " is not registered on worker " + claim.workerId() + " (registered: " + registry.workflowTypes()
                    + "); it is left for a worker that has it once the lease expires at " + claim.leaseUntil());
            return new StepOutcome(ExecutionResult.STOPPED, null);
        }
        Span span = spans.start(instance, instance.attempts() + 1);
        try (Scope ignored = span.makeCurrent()) {
            return new Execution(store, claim, registration.get(), span, keepLease, slot).run();
        } finally {
            span.end();
        }
    }

    /** How a transition write ended. */
    private enum Written {
        /** Written as asked. */
        DONE,
        /** The claim was lost: nothing written. */
        LOST,
        /** The database refused it; the instance was made unrecoverable instead. */
        REFUSED
    }

    /** One step execution's state, so that each outcome is a small method. */
    private final class Execution {
        private final StateStore store;
        private final WorkflowInstance instance;
        private final Registration registration;
        private final WorkflowDefinition definition;
        private final Span span;
        private final boolean keepLease;
        private final WorkerSlot slot;
        private final int attempt;
        private final Instant startedAt;
        private Claim claim;
        /** The history record of the transition being written, for the metrics once it is. */
        private StepRecord writing;

        Execution(StateStore store, Claim claim, Registration registration, Span span, boolean keepLease,
                WorkerSlot slot) {
            this.store = store;
            this.claim = claim;
            this.instance = claim.instance();
            this.registration = registration;
            this.definition = registration.definition();
            this.span = span;
            this.keepLease = keepLease;
            this.slot = slot;
            this.attempt = instance.attempts() + 1;
            this.startedAt = settings.clock().instant();
        }

        StepOutcome run() {
            metrics.started(definition.workflowType(), instance.step(), instance.runAfter(), startedAt);
            Optional<JoinDefinition> join = definition.join(instance.step());
            if (join.isPresent()) {
                if (instance.pendingBranches() > 0) {
                    // claimed for a re-check: merge only if every branch has finished meanwhile
                    Optional<Claim> ready = recheck();
                    if (ready.isEmpty()) {
                        return new StepOutcome(ExecutionResult.STOPPED, null);
                    }
                    claim = ready.get();
                }
                return merge(join.get());
            }
            Optional<WaitDefinition> wait = definition.waitState(instance.step());
            if (wait.isPresent()) {
                return timerFired(wait.get());
            }
            Optional<StepDefinition> found = definition.step(instance.step());
            if (found.isEmpty()) {
                return unrecoverable(claim, ErrorInfo.of("StepNotInDefinition", "instance " + instance.instanceId()
                        + " is at step " + instance.step() + ", which the registered definition of "
                        + definition.workflowType() + " (hash " + definition.diagramHash() + ") does not have; the "
                        + "instance was submitted or last advanced under hash " + instance.diagramHash()
                        + ". Deploy a diagram that has step " + instance.step() + ", or cancel the instance"), null);
            }
            StepDefinition step = found.get();
            Object payload;
            try {
                payload = PayloadCodec.decode(instance.payload(), step.payloadType(),
                        "instance " + instance.instanceId() + " at step " + step.name());
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            StepResult result = null;
            Throwable failure = null;
            Duration timeout = step.retryPolicy().timeout().orElseGet(() -> settings.stepTimeout(definition.workflowType()));
            StepGuard guard = StepGuard.start(store, claim, settings.lease(), settings.clock(), timeout,
                    (taken, limit, where) -> timedOut(step, taken, limit, where));
            watch(guard);
            Instant claimedAt = instance.updatedAt() != null ? instance.updatedAt() : startedAt;
            Instant leasedUntil = claim.leaseUntil();
            StepContext context = new StepContext(instance.instanceId(), instance.workflowType(), step.name(), attempt,
                    claim.workerId(), claimedAt, startedAt, startedAt.plus(timeout), () -> guard.leaseUntil(leasedUntil));
            try (StepContext.Scope ignored = StepContext.enter(context)) {
                stepsExecuted.incrementAndGet();
                result = WorkflowBase.execute(registration.newWorkflow(), step.name(), payload);
            } catch (Throwable e) {
                // whatever a step throws, an OutOfMemoryError included, is a failed attempt: the
                // thread survives and the attempt is counted
                failure = e;
            } finally {
                claim = guard.finish();
                watch(null);
            }
            if (guard.timedOut()) {
                // the guard wrote the timeout (or the lease expires); this late result is discarded
                return new StepOutcome(ExecutionResult.STOPPED, null);
            }
            if (claim == null) {
                return lost();
            }
            if (failure != null) {
                return failed(step, failure, claim);
            }
            String problem = invalidTransition(step, result);
            if (problem != null) {
                return unrecoverable(claim, ErrorInfo.of("InvalidTransition", problem), null);
            }
            if (result.isComplete()) {
                return complete();
            }
            if (result.isFork()) {
                return fork(definition.fork(result.nextStep()).orElseThrow(), result);
            }
            if (definition.joins().containsKey(result.nextStep())) {
                return finishBranch(result);
            }
            WaitDefinition next = definition.waits().get(result.nextStep());
            return next != null ? await(next, result) : advance(result, step.delay());
        }

        /**
         * Parks the instance at {@code wait} with what the step handed over (or, if an event for it
         * came early, moves it straight on): it then holds no lease until an event or its timer.
         */
        private StepOutcome await(WaitDefinition wait, StepResult result) {
            String kept;
            try {
                kept = PayloadCodec.encode(result.payload(),
                        "wait " + wait.name() + " of instance " + instance.instanceId());
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            Instant finishedAt = settings.clock().instant();
            Instant timerAt = wait.after().map(after -> finishedAt.plus(after.delay())).orElse(null);
            String traceContext = TraceContexts.encode(Context.current().with(span));
            AtomicReference<WorkflowInstance> parked = new AtomicReference<>();
            Written written = write(claim, "wait at " + wait.name(), () -> {
                Optional<WorkflowInstance> stored = store.await(claim, wait.name(), kept, accepted(wait), timerAt,
                        definition.diagramHash(), traceContext,
                        record(claim, Outcome.ADVANCED, wait.name(), null, finishedAt));
                stored.ifPresent(parked::set);
                return stored.isPresent();
            });
            return settle(written, () -> {
                if (!parked.get().step().equals(wait.name())) {
                    // an event sent before the instance got here moved it on at once
                    registry.signal().signal();
                    ok("Waiting at " + wait.name() + ": an event kept for it moved it to " + parked.get().step());
                } else {
                    if (timerAt != null) {
                        registry.signal().dueIn(Duration.between(finishedAt, timerAt));
                    }
                    ok("Waiting at " + wait.name() + (timerAt == null ? "" : " until " + timerAt));
                }
                return new StepOutcome(ExecutionResult.CONTINUED, null);
            });
        }

        /** Each event {@code wait} accepts, with the step it leads to. */
        private Map<String, String> accepted(WaitDefinition wait) {
            Map<String, String> accepts = new LinkedHashMap<>();
            wait.events().forEach(on -> accepts.put(on.event(), on.target()));
            return accepts;
        }

        /**
         * The instance was claimed at a wait: its timer is due and no event came first. Builds the
         * timer branch's payload from what the instance kept and moves on; an event that arrives
         * meanwhile moves the version, and this transition is then discarded.
         */
        private StepOutcome timerFired(WaitDefinition wait) {
            if (wait.after().isEmpty()) {
                // the deployed diagram has no timer here (any more): wait for events only
                Optional<WorkflowInstance> parked = store.await(claim, wait.name(), instance.payload(), accepted(wait),
                        null, definition.diagramHash(), instance.traceContext(),
                        record(claim, Outcome.ADVANCED, wait.name(), null));
                return parked.isPresent() ? new StepOutcome(ExecutionResult.CONTINUED, null) : lost();
            }
            WaitDefinition.After timer = wait.after().get();
            Object kept;
            try {
                kept = PayloadCodec.decode(instance.payload(), wait.keptType(),
                        "instance " + instance.instanceId() + " at wait " + wait.name());
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            return generated("the timer of wait " + wait.name(), wait.name(), timer.target(),
                    () -> WorkflowBase.timeout(registration.newWorkflow(), wait.name(), kept),
                    "the timeout method of wait " + wait.name() + " failed", "gamgee.timer_fired");
        }

        /**
         * Merges the finished branches at {@code join}: decodes what each branch's last step
         * returned, runs the generated merge, and writes its result like a step's. Guarded by the
         * claim on the parent, so a merge that runs twice (a crash before its write) is written once.
         */
        /**
         * Asks the store whether the branches of the instance claimed at its join have all settled;
         * if not, it waits again, to be looked at after a while that grows with how long it has
         * waited (from a minute to an hour).
         */
        private Optional<Claim> recheck() {
            Instant now = settings.clock().instant();
            Duration waited = Duration.between(instance.runAfter(), now);
            Duration next = waited.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK
                    : waited.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : waited;
            Optional<Claim> ready = store.checkJoin(claim, now, now.plus(next));
            span.addEvent(ready.isPresent() ? "gamgee.join_ready" : "gamgee.join_waiting");
            return ready;
        }

        private StepOutcome merge(JoinDefinition join) {
            List<WorkflowInstance> branches = store.branches(instance.instanceId());
            if (branches.stream().anyMatch(b -> b.status() == InstanceStatus.WAITING)) {
                // a branch was put back to work (recovered) after the join was released: wait for it
                Optional<Claim> ready = recheck();
                if (ready.isEmpty()) {
                    return new StepOutcome(ExecutionResult.STOPPED, null);
                }
                claim = ready.get();
                branches = store.branches(instance.instanceId());
            }
            List<Object> results = new ArrayList<>(join.inputs().size());
            for (JoinDefinition.Input input : join.inputs()) {
                WorkflowInstance branch = branches.stream()
                        .filter(b -> b.status() == InstanceStatus.COMPLETED && b.step().equals(input.lastStep()))
                        .findFirst().orElse(null);
                if (branch == null) {
                    return unrecoverable(claim, ErrorInfo.of("JoinIncomplete", "instance " + instance.instanceId()
                            + " is due at join " + join.name() + ", but its branch ending at step " + input.lastStep()
                            + " has not finished (branches: " + branches.stream()
                                    .map(b -> b.instanceId() + " " + b.status() + " at " + b.step()).toList() + ")"),
                            null);
                }
                SpanContext last = TraceContexts.spanContext(branch.traceContext());
                if (last.isValid()) {
                    // one trace either way: the merge is a child of the forking step, linked to each branch's end
                    span.addLink(last);
                }
                try {
                    results.add(PayloadCodec.decode(branch.payload(), input.resultType(),
                            "branch " + branch.instanceId() + "'s result for join " + join.name()));
                } catch (PayloadException e) {
                    return unrecoverable(claim, ErrorInfo.of(e), e);
                }
            }
            return generated("join " + join.name(), join.name(), join.next(),
                    () -> WorkflowBase.merge(registration.newWorkflow(), join.name(), results),
                    "the merge at join " + join.name() + " failed", null);
        }

        /**
         * Runs generated code that builds the next step's payload from what the instance holds (a
         * join's merge, a wait's timeout method: pure functions, which may run again if this worker
         * dies before the result is stored), then writes its result like a step's, provided it
         * leads where the diagram does.
         *
         * @param what the code, for messages, e.g. {@code join merge}
         * @param state the join or wait it runs at
         * @param target where the diagram leads from there
         * @param failed what the log says when the code throws
         * @param event a span event once the result is valid, or {@code null}
         */
        private StepOutcome generated(String what, String state, String target,
                Callable<StepResult> code, String failed, String event) {
            StepResult result;
            stepsExecuted.incrementAndGet();
            StepContext context = new StepContext(instance.instanceId(), instance.workflowType(), state, attempt,
                    claim.workerId(), startedAt, startedAt, claim.leaseUntil(), claim::leaseUntil);
            try (StepContext.Scope ignored = StepContext.enter(context)) {
                result = code.call();
            } catch (Throwable e) {
                stepFailures.incrementAndGet();
                span.recordException(e);
                return unrecoverable(claim, errorOf(e), null, failed);
            }
            String asked = result.isComplete() ? WorkflowDefinition.END : result.nextStep();
            if (!asked.equals(target)) {
                return unrecoverable(claim, ErrorInfo.of("InvalidTransition", what + " of "
                        + definition.workflowType() + " (instance " + instance.instanceId() + ") asked for " + asked
                        + ", but the diagram (hash " + definition.diagramHash() + ") leads only to " + target
                        + "; the generated base class and the registered definition disagree"), null);
            }
            if (!result.isComplete()) {
                String problem = wrongPayload(what, state, asked, result.payload());
                if (problem != null) {
                    return unrecoverable(claim, ErrorInfo.of("InvalidTransition", problem), null);
                }
            }
            if (event != null) {
                span.addEvent(event);
            }
            return result.isComplete() ? complete() : advance(result, Duration.ZERO);
        }

        /** Starts every branch of {@code fork}; with the lease kept, the caller runs the first one at once. */
        private StepOutcome fork(ForkDefinition fork, StepResult result) {
            List<NewBranch> branches = new ArrayList<>(fork.branches().size());
            try {
                for (int i = 0; i < fork.branches().size(); i++) {
                    String first = fork.branches().get(i);
                    branches.add(new NewBranch(NewBranch.idOf(instance.instanceId(), first), first,
                            PayloadCodec.encode(result.branchPayloads().get(i),
                                    "step " + first + " (branch of fork " + fork.name() + ") of instance "
                                            + instance.instanceId())));
                }
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            Instant finishedAt = settings.clock().instant();
            Instant keepUntil = keepLease ? finishedAt.plus(settings.lease()) : null;
            // every branch's first step is a child of the forking step's span
            String traceContext = TraceContexts.encode(Context.current().with(span));
            AtomicReference<Claim> first = new AtomicReference<>();
            Written written = write(claim, "fork " + fork.name(), () -> {
                Optional<Claim> forked = store.fork(claim, fork.join(), branches, definition.diagramHash(),
                        traceContext, record(claim, Outcome.ADVANCED, fork.name(), null, finishedAt), keepUntil);
                forked.ifPresent(first::set);
                return forked.isPresent();
            });
            return settle(written, () -> {
                // idle workers of this JVM take the other branches now
                registry.signal().signal();
                ok("Forked " + fork.name() + " into " + fork.branches());
                return new StepOutcome(ExecutionResult.CONTINUED, keepLease ? first.get() : null);
            });
        }

        /** Hands a branch's result to its join; the last branch to finish makes the parent's merge due. */
        private StepOutcome finishBranch(StepResult result) {
            if (!instance.isBranch()) {
                return unrecoverable(claim, ErrorInfo.of("InvalidTransition", "instance " + instance.instanceId()
                        + " reached join " + result.nextStep() + " from step " + instance.step()
                        + " without having been forked"), null);
            }
            String payload;
            try {
                payload = PayloadCodec.encode(result.payload(),
                        "the result of step " + instance.step() + " for join " + result.nextStep() + " of instance "
                                + instance.instanceId());
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            Instant finishedAt = settings.clock().instant();
            String traceContext = TraceContexts.encode(Context.current().with(span));
            AtomicReference<OptionalInt> remaining = new AtomicReference<>(OptionalInt.empty());
            Written written = write(claim, "branch result for join " + result.nextStep(), () -> {
                remaining.set(store.finishBranch(claim, payload, traceContext,
                        record(claim, Outcome.ADVANCED, result.nextStep(), null, finishedAt)));
                return remaining.get().isPresent();
            });
            return settle(written, () -> {
                if (remaining.get().getAsInt() == 0) {
                    // the parent's merge is due now
                    registry.signal().signal();
                }
                ok("Branch finished at " + result.nextStep());
                return new StepOutcome(ExecutionResult.COMPLETED, null);
            });
        }

        /** Runs on the store's guard thread when the step outlived its timeout, with the claim taken from it. */
        private void timedOut(StepDefinition step, Claim taken, Duration limit, StackTraceElement[] where) {
            StepTimeoutException timeout = new StepTimeoutException(instance.instanceId(), step.name(), limit);
            timeout.setStackTrace(where);
            if (slot != null) {
                slot.stepTimedOut();
            }
            failed(step, timeout, taken);
            // the step's thread may never return to end it
            span.end();
        }

        /**
         * OK with a description, which the OpenTelemetry SDK drops for OK statuses by the
         * specification; the same text is kept as an event, so trace views still show it.
         */
        private void ok(String description) {
            span.addEvent(description);
            span.setStatus(StatusCode.OK, description);
        }

        private void watch(StepGuard guard) {
            if (slot != null) {
                slot.running.set(guard);
            }
        }

        private StepOutcome complete() {
            Written written = write(claim, "completion",
                    () -> store.complete(claim, record(claim, Outcome.COMPLETED, null, null)));
            return settle(written, () -> {
                ok("Workflow Completed");
                return new StepOutcome(ExecutionResult.COMPLETED, null);
            });
        }

        /** Moves on to the next step: at once (keeping the lease if asked), or {@code delay} later. */
        private StepOutcome advance(StepResult result, Duration delay) {
            String payload;
            try {
                payload = PayloadCodec.encode(result.payload(),
                        "step " + result.nextStep() + " of instance " + instance.instanceId());
            } catch (PayloadException e) {
                return unrecoverable(claim, ErrorInfo.of(e), e);
            }
            Instant finishedAt = settings.clock().instant();
            Instant keepUntil = keepLease ? finishedAt.plus(settings.lease()) : null;
            // the finished step's span becomes the next step's parent
            String traceContext = TraceContexts.encode(Context.current().with(span));
            if (!delay.isZero()) {
                Instant runAfter = finishedAt.plus(delay);
                Written written = write(claim, "delayed advance to " + result.nextStep(), () ->
                        store.advanceLater(claim, result.nextStep(), payload, definition.diagramHash(), traceContext,
                                record(claim, Outcome.ADVANCED, result.nextStep(), null, finishedAt), runAfter));
                return settle(written, () -> {
                    registry.signal().dueIn(delay);
                    ok("Continuing to " + result.nextStep() + " at " + runAfter);
                    return new StepOutcome(ExecutionResult.CONTINUED, null);
                });
            }
            AtomicReference<Claim> next = new AtomicReference<>();
            Written written = write(claim, "advance to " + result.nextStep(), () -> {
                Optional<Claim> advanced = store.advance(claim, result.nextStep(), payload, definition.diagramHash(),
                        traceContext, record(claim, Outcome.ADVANCED, result.nextStep(), null, finishedAt), keepUntil);
                advanced.ifPresent(next::set);
                return advanced.isPresent();
            });
            return settle(written, () -> {
                ok("Continuing to " + result.nextStep());
                return new StepOutcome(ExecutionResult.CONTINUED, keepLease ? next.get() : null);
            });
        }

        private StepOutcome failed(StepDefinition step, Throwable failure, Claim held) {
            stepFailures.incrementAndGet();
            span.recordException(failure);
            ErrorInfo error = errorOf(failure);
            int attempts = step.retryPolicy().attempts();
            if (attempt >= attempts) {
                return unrecoverable(held, error, failure,
                        "step " + step.name() + " failed on attempt " + attempt + " of " + attempts);
            }
            Duration delay = Backoff.delay(step.retryPolicy(), attempt, settings.maxBackoff(), settings.random());
            Instant finishedAt = settings.clock().instant();
            Written written = write(held, "retry", () -> store.retryLater(held, finishedAt.plus(delay), error,
                    record(held, Outcome.RETRY_SCHEDULED, null, error, finishedAt)));
            return settle(written, () -> {
                // an idle worker of this JVM wakes when the retry is due, not at its next poll
                registry.signal().dueIn(delay);
                LOG.log(Level.DEBUG, () -> "instance " + instance.instanceId() + ": step " + step.name()
                        + " failed on attempt " + attempt + " of " + attempts + ", retrying in " + delay + ": " + error);
                span.setStatus(StatusCode.ERROR, error.toString());
                return new StepOutcome(ExecutionResult.STOPPED, null);
            });
        }

        private StepOutcome unrecoverable(Claim held, ErrorInfo error, Throwable cause) {
            return unrecoverable(held, error, cause, null);
        }

        /**
         * Marks the instance unrecoverable and, only once that is written, says so in the log.
         *
         * @param why what led here, for the log line, or {@code null}
         */
        private StepOutcome unrecoverable(Claim held, ErrorInfo error, Throwable cause, String why) {
            if (cause != null) {
                span.recordException(cause);
            }
            Written written = write(held, "unrecoverable mark",
                    () -> store.markUnrecoverable(held, error, record(held, Outcome.UNRECOVERABLE, null, error)));
            return settle(written, () -> {
                LOG.log(Level.WARNING, "instance " + instance.instanceId() + " of " + instance.workflowType()
                        + (why == null ? "" : ": " + why + " and") + " is now unrecoverable: " + error);
                span.setStatus(StatusCode.ERROR, "Workflow Unrecoverable");
                return new StepOutcome(ExecutionResult.UNRECOVERABLE, null);
            });
        }

        /**
         * Writes a transition. A store error that retrying cannot fix (the database refuses the
         * values) would otherwise leave the instance to run the same step again every lease,
         * forever: the instance is made unrecoverable instead, with the refusal as its error.
         * Retryable errors (an outage) propagate, and the step runs again once the lease expires.
         */
        private Written write(Claim held, String transition, BooleanSupplier write) {
            try {
                return write.getAsBoolean() ? Written.DONE : Written.LOST;
            } catch (StoreException e) {
                if (e.isRetryable()) {
                    throw e;
                }
                ErrorInfo error = ErrorInfo.of("TransitionNotWritable", "the " + transition + " of step "
                        + instance.step() + " (attempt " + attempt + ") could not be written: " + e.getMessage());
                boolean marked;
                try {
                    marked = store.markUnrecoverable(held, error, record(held, Outcome.UNRECOVERABLE, null, error));
                } catch (RuntimeException second) {
                    e.addSuppressed(second);
                    throw e;
                }
                if (!marked) {
                    return Written.LOST;
                }
                span.recordException(e);
                LOG.log(Level.WARNING, "instance " + instance.instanceId() + " of " + instance.workflowType()
                        + " is now unrecoverable: " + error);
                return Written.REFUSED;
            }
        }

        /** The outcome of a transition write: {@code done}'s once it was written as asked. */
        private StepOutcome settle(Written written, Supplier<StepOutcome> done) {
            if (written != Written.LOST && writing != null) {
                metrics.written(definition.workflowType(), writing);
            }
            return switch (written) {
                case LOST -> lost();
                case REFUSED -> refused();
                case DONE -> done.get();
            };
        }

        private StepOutcome refused() {
            span.setStatus(StatusCode.ERROR, "Workflow Unrecoverable");
            return new StepOutcome(ExecutionResult.UNRECOVERABLE, null);
        }

        private StepOutcome lost() {
            span.addEvent("gamgee.claim_lost");
            LOG.log(Level.DEBUG, () -> "instance " + instance.instanceId() + ": the claim on step " + instance.step()
                    + " was lost to another worker or a cancel; the step's result is discarded");
            return new StepOutcome(ExecutionResult.STOPPED, null);
        }

        private StepRecord record(Claim held, Outcome outcome, String nextStep, ErrorInfo error) {
            return record(held, outcome, nextStep, error, settings.clock().instant());
        }

        private StepRecord record(Claim held, Outcome outcome, String nextStep, ErrorInfo error, Instant finishedAt) {
            writing = new StepRecord(instance.instanceId(), instance.step(), attempt, held.workerId(), startedAt,
                    finishedAt, outcome, nextStep, error == null ? null : error.toString());
            return writing;
        }

        /** The error to keep, even when capturing it fails (a real OutOfMemoryError). */
        private ErrorInfo errorOf(Throwable failure) {
            try {
                return ErrorInfo.of(failure);
            } catch (Throwable e) {
                return ErrorInfo.of(failure.getClass().getName(), "(the error could not be captured: "
                        + e.getClass().getName() + ")");
            }
        }

        /** Why a step's result is not an arrow of the diagram, or {@code null} if it is one. */
        private String invalidTransition(StepDefinition step, StepResult result) {
            List<String> allowed = allowedTargets(step);
            String target = result.isComplete() ? WorkflowDefinition.END : result.nextStep();
            if (!allowed.contains(target)) {
                return "step " + step.name() + " of " + definition.workflowType() + " (instance "
                        + instance.instanceId() + ") asked for " + target + ", but the diagram (hash "
                        + definition.diagramHash() + ") leads only to " + allowed
                        + "; the generated base class and the registered definition disagree";
            }
            if (result.isFork()) {
                ForkDefinition fork = definition.fork(target).orElse(null);
                if (fork == null) {
                    return "step " + step.name() + " of " + definition.workflowType() + " started fork " + target
                            + ", which the diagram (hash " + definition.diagramHash() + ") does not have";
                }
                List<Object> payloads = result.branchPayloads();
                if (payloads.size() != fork.branches().size()) {
                    return "step " + step.name() + " of " + definition.workflowType() + " gave fork " + target + " "
                            + payloads.size() + " payloads for its " + fork.branches().size() + " branches";
                }
                for (int i = 0; i < payloads.size(); i++) {
                    String problem = wrongPayload("step " + step.name(), step.name(), fork.branches().get(i),
                            payloads.get(i));
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            if (!result.isComplete()) {
                return wrongPayload("step " + step.name(), step.name(), target, result.payload());
            }
            return null;
        }

        /**
         * Why {@code payload} is not what {@code target} (a step, or a join {@code fromState} leads
         * to) takes, or {@code null} if it is; {@code from} describes the state for the message.
         */
        private String wrongPayload(String from, String fromState, String target, Object payload) {
            Class<?> expected = definition.join(target)
                    .flatMap(join -> join.input(fromState))
                    .<Class<?>>map(JoinDefinition.Input::resultType)
                    .or(() -> definition.waitState(target).map(WaitDefinition::keptType))
                    .orElseGet(() -> definition.step(target).map(StepDefinition::payloadType).orElse(null));
            if (expected == null) {
                return from + " of " + definition.workflowType() + " leads to " + target
                        + ", which takes no value from it in the diagram (hash " + definition.diagramHash() + ")";
            }
            if (!expected.isInstance(payload)) {
                String what = definition.joins().containsKey(target) ? "join "
                        : definition.waits().containsKey(target) ? "wait " : "step ";
                return from + " of " + definition.workflowType() + " gave " + what + target + " a "
                        + payload.getClass().getName() + " where it takes a " + expected.getName();
            }
            return null;
        }

        private List<String> allowedTargets(StepDefinition step) {
            DecisionDefinition decision = definition.decisions().get(step.next());
            if (decision == null) {
                return List.of(step.next());
            }
            return decision.branches().stream().map(DecisionDefinition.Branch::target).distinct().toList();
        }
    }
}
