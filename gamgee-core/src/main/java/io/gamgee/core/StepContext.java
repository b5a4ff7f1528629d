package io.gamgee.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the running step runs: its instance, step and attempt, and how long it may run. Available
 * through {@link #current()} on the thread running a step — a worker's, or the test's under
 * {@code WorkflowTestKit} — so the step methods keep the signatures the diagram generates.
 *
 * <pre>{@code
 * public ShipOrRefundDecision chargePayment(ChargePaymentPayload charge) {
 *     // the same key on every retry of this step of this instance: the provider charges once
 *     String payment = payments.charge(StepContext.current().idempotencyKey(), charge.amountCents());
 *     ...
 * }
 * }</pre>
 *
 * <p>The context belongs to the step's thread: capture it with {@code current()} before handing
 * work to other threads.
 */
public final class StepContext {

    private static final ThreadLocal<StepContext> CURRENT = new ThreadLocal<>();

    private final String instanceId;
    private final String workflowType;
    private final String step;
    private final int attempt;
    private final String workerId;
    private final Instant claimedAt;
    private final Instant startedAt;
    private final Instant deadline;
    private final Supplier<Instant> leaseUntil;

    StepContext(String instanceId, String workflowType, String step, int attempt, String workerId, Instant claimedAt,
            Instant startedAt, Instant deadline, Supplier<Instant> leaseUntil) {
        this.instanceId = instanceId;
        this.workflowType = workflowType;
        this.step = step;
        this.attempt = attempt;
        this.workerId = workerId;
        this.claimedAt = claimedAt;
        this.startedAt = startedAt;
        this.deadline = deadline;
        this.leaseUntil = leaseUntil;
    }

    /**
     * The context of the step running on this thread.
     *
     * @throws IllegalStateException outside a step
     */
    public static StepContext current() {
        StepContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("StepContext.current() is only available on the thread running a "
                    + "workflow step (a worker thread, or the test's thread under WorkflowTestKit); capture it in "
                    + "the step before handing work to another thread");
        }
        return context;
    }

    /** The context of the step running on this thread, or empty outside a step. */
    public static Optional<StepContext> find() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code context} current on this thread until the returned scope is closed. */
    static Scope enter(StepContext context) {
        StepContext previous = CURRENT.get();
        CURRENT.set(Objects.requireNonNull(context, "context"));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Ends a context's time on a thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The workflow instance's id: the caller's business key, or the UUID the submit chose. */
    public String instanceId() {
        return instanceId;
    }

    /** The workflow type, e.g. {@code OrderFulfillmentWorkflow}. */
    public String workflowType() {
        return workflowType;
    }

    /** The step's name in the diagram. */
    public String step() {
        return step;
    }

    /** Which try of the step this is: 1 the first time, 2 on the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** The lease owner running the step. */
    public String workerId() {
        return workerId;
    }

    /** When the worker took the instance: its claim, or the previous step's transition when it kept the lease. */
    public Instant claimedAt() {
        return claimedAt;
    }

    /** When this try started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When this try times out and counts as failed (its start plus the step's timeout). */
    public Instant deadline() {
        return deadline;
    }

    /** Until when the worker holds the instance's lease, as of its latest renewal. */
    public Instant leaseUntil() {
        return leaseUntil.get();
    }

    /**
     * {@code <instanceId>:<step>}: the same for every try of this step of this instance, and
     * different for every other step — the key to give payment providers and mail services so a
     * repeated step has its effect once.
     */
    public String idempotencyKey() {
        return instanceId + ":" + step;
    }

    @Override
    public String toString() {
        return "step " + step + " of " + workflowType + " instance " + instanceId + ", attempt " + attempt;
    }
}
