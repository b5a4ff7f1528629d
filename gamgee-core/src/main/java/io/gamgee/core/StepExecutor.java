package io.gamgee.core;

import io.gamgee.core.WorkflowRegistry.Registration;
import io.gamgee.core.definition.DecisionDefinition;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one claimed step and writes its transition: the heart of a worker. See DESIGN.md,
 * "Durability": the step runs outside any store transaction, inside its span; the transition is
 * guarded by the claim, so a lost claim discards the result.
 */
final class StepExecutor {

    private static final System.Logger LOG = System.getLogger(WorkflowWorker.class.getName());

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
    final AtomicLong stepsExecuted = new AtomicLong();
    final AtomicLong stepFailures = new AtomicLong();

    StepExecutor(WorkflowRegistry registry, WorkerSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.spans = new StepSpans(settings.openTelemetry());
    }

    /**
     * Runs the claimed instance's step.
     *
     * @param keepLease whether an advance keeps the lease, so the caller can run the next step
     * @param inFlight where the running step's lease renewal is published (for a closing pool), or {@code null}
     */
    StepOutcome execute(StateStore store, Claim claim, boolean keepLease, AtomicReference<LeaseRenewal> inFlight) {
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
            return new Execution(store, claim, registration.get(), span, keepLease, inFlight).run();
        } finally {
            span.end();
        }
    }

    /** One step execution's state, so that each outcome is a small method. */
    private final class Execution {
        private final StateStore store;
        private final WorkflowInstance instance;
        private final Registration registration;
        private final WorkflowDefinition definition;
        private final Span span;
        private final boolean keepLease;
        private final AtomicReference<LeaseRenewal> inFlight;
        private final int attempt;
        private final Instant startedAt;
        private Claim claim;

        Execution(StateStore store, Claim claim, Registration registration, Span span, boolean keepLease,
                AtomicReference<LeaseRenewal> inFlight) {
            this.store = store;
            this.claim = claim;
            this.instance = claim.instance();
            this.registration = registration;
            this.definition = registration.definition();
            this.span = span;
            this.keepLease = keepLease;
            this.inFlight = inFlight;
            this.attempt = instance.attempts() + 1;
            this.startedAt = settings.clock().instant();
        }

        StepOutcome run() {
            Optional<StepDefinition> found = definition.step(instance.step());
            if (found.isEmpty()) {
                return unrecoverable(ErrorInfo.of("StepNotInDefinition", "instance " + instance.instanceId()
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
                return unrecoverable(ErrorInfo.of(e), e);
            }
            StepResult result = null;
            Throwable failure = null;
            LeaseRenewal renewal = LeaseRenewal.start(store, claim, settings.lease(), settings.clock());
            publish(renewal);
            try {
                stepsExecuted.incrementAndGet();
                result = WorkflowBase.execute(registration.newWorkflow(), step.name(), payload);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                failure = e;
            } finally {
                claim = renewal.stop();
                publish(null);
            }
            if (claim == null) {
                return lost();
            }
            if (failure != null) {
                return failed(step, failure);
            }
            String problem = invalidTransition(step, result);
            if (problem != null) {
                return unrecoverable(ErrorInfo.of("InvalidTransition", problem), null);
            }
            return result.isComplete() ? complete() : advance(result);
        }

        /**
         * OK with a description, which the OpenTelemetry SDK drops for OK statuses by the
         * specification; the same text is kept as an event, so trace views still show it.
         */
        private void ok(String description) {
            span.addEvent(description);
            span.setStatus(StatusCode.OK, description);
        }

        private void publish(LeaseRenewal renewal) {
            if (inFlight != null) {
                inFlight.set(renewal);
            }
        }

        private StepOutcome complete() {
            if (!store.complete(claim, record(Outcome.COMPLETED, null, null))) {
                return lost();
            }
            ok("Workflow Completed");
            return new StepOutcome(ExecutionResult.COMPLETED, null);
        }

        private StepOutcome advance(StepResult result) {
            String payload;
            try {
                payload = PayloadCodec.encode(result.payload(),
                        "step " + result.nextStep() + " of instance " + instance.instanceId());
            } catch (PayloadException e) {
                return unrecoverable(ErrorInfo.of(e), e);
            }
            Instant finishedAt = settings.clock().instant();
            Instant keepUntil = keepLease ? finishedAt.plus(settings.lease()) : null;
            // the finished step's span becomes the next step's parent
            String traceContext = TraceContexts.encode(Context.current().with(span));
            Optional<Claim> next = store.advance(claim, result.nextStep(), payload, definition.diagramHash(),
                    traceContext, record(Outcome.ADVANCED, result.nextStep(), null, finishedAt), keepUntil);
            if (next.isEmpty()) {
                return lost();
            }
            ok("Continuing to " + result.nextStep());
            return new StepOutcome(ExecutionResult.CONTINUED, keepLease ? next.get() : null);
        }

        private StepOutcome failed(StepDefinition step, Throwable failure) {
            stepFailures.incrementAndGet();
            span.recordException(failure);
            ErrorInfo error = ErrorInfo.of(failure);
            int attempts = step.retryPolicy().attempts();
            if (attempt >= attempts) {
                LOG.log(Level.WARNING, "instance " + instance.instanceId() + " of " + instance.workflowType()
                        + ": step " + step.name() + " failed on attempt " + attempt + " of " + attempts
                        + " and is now unrecoverable: " + error, failure);
                return unrecoverable(error, null);
            }
            Duration delay = Backoff.delay(step.retryPolicy(), attempt, settings.maxBackoff(), settings.random());
            Instant finishedAt = settings.clock().instant();
            if (!store.retryLater(claim, finishedAt.plus(delay), error,
                    record(Outcome.RETRY_SCHEDULED, null, error, finishedAt))) {
                return lost();
            }
            LOG.log(Level.DEBUG, () -> "instance " + instance.instanceId() + ": step " + step.name() + " failed on attempt "
                    + attempt + " of " + attempts + ", retrying in " + delay + ": " + error);
            span.setStatus(StatusCode.ERROR, error.toString());
            return new StepOutcome(ExecutionResult.STOPPED, null);
        }

        private StepOutcome unrecoverable(ErrorInfo error, Throwable cause) {
            if (cause != null) {
                span.recordException(cause);
            }
            if (!store.markUnrecoverable(claim, error, record(Outcome.UNRECOVERABLE, null, error))) {
                return lost();
            }
            if (cause != null || "StepNotInDefinition".equals(error.type()) || "InvalidTransition".equals(error.type())) {
                LOG.log(Level.WARNING, "instance " + instance.instanceId() + " of " + instance.workflowType()
                        + " is unrecoverable: " + error);
            }
            span.setStatus(StatusCode.ERROR, "Workflow Unrecoverable");
            return new StepOutcome(ExecutionResult.UNRECOVERABLE, null);
        }

        private StepOutcome lost() {
            span.addEvent("gamgee.claim_lost");
            LOG.log(Level.DEBUG, () -> "instance " + instance.instanceId() + ": the claim on step " + instance.step()
                    + " was lost to another worker or a cancel; the step's result is discarded");
            return new StepOutcome(ExecutionResult.STOPPED, null);
        }

        private StepRecord record(Outcome outcome, String nextStep, ErrorInfo error) {
            return record(outcome, nextStep, error, settings.clock().instant());
        }

        private StepRecord record(Outcome outcome, String nextStep, ErrorInfo error, Instant finishedAt) {
            return new StepRecord(instance.instanceId(), instance.step(), attempt, claim.workerId(), startedAt,
                    finishedAt, outcome, nextStep, error == null ? null : error.toString());
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
            if (!result.isComplete()) {
                Class<?> expected = definition.step(target).orElseThrow().payloadType();
                if (!expected.isInstance(result.payload())) {
                    return "step " + step.name() + " of " + definition.workflowType() + " gave step " + target + " a "
                            + result.payload().getClass().getName() + " where it takes a " + expected.getName();
                }
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
