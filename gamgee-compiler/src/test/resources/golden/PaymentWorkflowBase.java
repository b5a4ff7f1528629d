package com.example;

import io.gamgee.core.Event;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code PaymentWorkflow} workflow, generated from com/example/payment.mermaid. Extend it and implement one method per step and one timeout method per wait whose timer leads to a step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class PaymentWorkflowBase extends WorkflowBase<RequestPaymentPayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("PaymentWorkflow", "dbe061fe9eeaeec1f01927d06b9ef9693d7cb734b37996ebff13921d2fcae66f")
            .source("com/example/payment.mermaid")
            .firstStep("requestPayment")
            .step("requestPayment", RequestPaymentPayload.class, "paid", RetryPolicy.of(1, 1000), 6)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 8)
            .step("cancelOrder", CancelOrderPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 9)
            .step("remind", RemindPayload.class, "cancelOrder", RetryPolicy.of(1, 1000), 10, Duration.ofMillis(432000000L))
            .await(new WaitDefinition("paid", PaidPayload.class, List.of(
                new WaitDefinition.On("captured", "ship", ShipPayload.class),
                new WaitDefinition.On("declined", "cancelOrder", CancelOrderPayload.class)),
                new WaitDefinition.After(Duration.ofMillis(172800000L), "remind"), 5))
            .build();

    /**
     * Wait {@code paid} (com/example/payment.mermaid:5): return {@code paid.await(…)} from a step before it, with what the instance keeps while it waits; it then holds no thread until event {@code captured}, event {@code declined} or its timer (after 2d) moves it on, whichever comes first.
     */
    protected final PaidWait paid = new PaidWait();

    protected PaymentWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code requestPayment} (com/example/payment.mermaid:6). Leads to wait {@code paid}: return {@code paid.await(…)} with what the instance keeps while it waits.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract Paid requestPayment(RequestPaymentPayload payload) throws Exception;

    /**
     * Step {@code ship} (com/example/payment.mermaid:8). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void ship(ShipPayload payload) throws Exception;

    /**
     * Step {@code cancelOrder} (com/example/payment.mermaid:9). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void cancelOrder(CancelOrderPayload payload) throws Exception;

    /**
     * Step {@code remind} (com/example/payment.mermaid:10). Leads to step {@code cancelOrder}: return its payload.
     *
     * <p>Step {@code cancelOrder} starts 5d after this one, durably: the instance holds no thread meanwhile.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract CancelOrderPayload remind(RemindPayload payload) throws Exception;

    /**
     * Wait {@code paid} (com/example/payment.mermaid:5) timed out: called once its timer (after 2d, com/example/payment.mermaid:10) fired with no event first; builds the payload of step {@code remind} from what the instance kept.
     *
     * <p>It must be a pure function of what was kept: it may run again if a worker dies before its result is stored, so side effects belong in steps.
     *
     * @param kept what the step before the wait handed to {@code paid.await}
     * @return the payload of step {@code remind}
     * @throws Exception to fail; the instance becomes unrecoverable at the wait
     */
    public abstract RemindPayload paidTimedOut(PaidPayload kept) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "requestPayment" -> {
                Paid wait = requestPayment((RequestPaymentPayload) payload);
                if (wait == null) {
                    throw new NullPointerException("step requestPayment returned null; return paid.await(…)");
                }
                return wait.result;
            }
            case "ship" -> {
                ship((ShipPayload) payload);
                return StepResult.complete();
            }
            case "cancelOrder" -> {
                cancelOrder((CancelOrderPayload) payload);
                return StepResult.complete();
            }
            case "remind" -> {
                return StepResult.next("cancelOrder", remind((RemindPayload) payload));
            }
            default -> throw new IllegalArgumentException("PaymentWorkflow has no step " + step);
        }
    }

    @Override
    protected final StepResult executeTimer(String wait, Object kept) throws Exception {
        switch (wait) {
            case "paid" -> {
                return StepResult.next("remind", paidTimedOut((PaidPayload) kept));
            }
            default -> throw new IllegalArgumentException("PaymentWorkflow has no timed wait " + wait);
        }
    }

    /**
     * The events the {@code PaymentWorkflow} workflow waits for, type-checked: send one with {@code client.send(PaymentWorkflow.class, instanceId, PaymentWorkflow.Events.<event>(…))}.
     */
    public static final class Events {
        private Events() {
        }

        /**
         * Event {@code captured}: moves an instance at wait {@code paid} (com/example/payment.mermaid:8) on to step {@code ship}.
         *
         * <p>Sent before the instance waits, it is kept until it does. Give it the sender's id with {@link Event#withId} (e.g. a webhook's delivery id): the same id sent twice changes nothing the second time.
         *
         * @param payload the payload of step {@code ship}
         * @return the event, for {@code WorkflowClient.send}
         */
        public static Event<PaymentWorkflowBase> captured(ShipPayload payload) {
            return Event.of("PaymentWorkflow", "captured", Objects.requireNonNull(payload, "payload"));
        }

        /**
         * Event {@code declined}: moves an instance at wait {@code paid} (com/example/payment.mermaid:9) on to step {@code cancelOrder}.
         *
         * <p>Sent before the instance waits, it is kept until it does. Give it the sender's id with {@link Event#withId} (e.g. a webhook's delivery id): the same id sent twice changes nothing the second time.
         *
         * @param payload the payload of step {@code cancelOrder}
         * @return the event, for {@code WorkflowClient.send}
         */
        public static Event<PaymentWorkflowBase> declined(CancelOrderPayload payload) {
            return Event.of("PaymentWorkflow", "declined", Objects.requireNonNull(payload, "payload"));
        }
    }

    /**
     * What a step before wait {@code paid} returns; only {@link PaidWait#await}, through {@code paid}, makes one.
     */
    public static final class Paid {
        private final StepResult result;

        private Paid(StepResult result) {
            this.result = result;
        }
    }

    /**
     * Wait {@code paid} (com/example/payment.mermaid:5): event {@code captured} leads to step {@code ship}; event {@code declined} leads to step {@code cancelOrder}; after 2d without an event, its timer leads to step {@code remind}.
     */
    public static final class PaidWait {
        private PaidWait() {
        }

        /**
         * Parks the instance at wait {@code paid}, keeping {@code kept}, until an event or its timer moves it on; it holds no thread, lease or connection meanwhile.
         *
         * @param kept what the instance keeps while it waits, handed to {@code paidTimedOut} if the timer fires first
         * @return what the step before the wait returns
         */
        public Paid await(PaidPayload kept) {
            return new Paid(StepResult.next("paid", kept));
        }
    }
}
