package io.gamgee.test.workflows;

import io.gamgee.core.Event;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.List;

/**
 * As generated from:
 * <pre>
 * state paid &lt;&lt;choice&gt;&gt;
 * [*] --&gt; requestPayment --&gt; paid
 * paid --&gt; ship: on captured
 * paid --&gt; cancelOrder: on declined
 * paid --&gt; remind: after 2d
 * remind --&gt; cancelOrder: after 5d
 * ship --&gt; [*]
 * cancelOrder --&gt; [*]
 * </pre>
 */
public abstract class PaymentWorkflowBase extends WorkflowBase<PaymentWorkflowBase.RequestPaymentPayload> {

    public record RequestPaymentPayload(String order) {
    }

    public record PaidPayload(String order, String paymentRequest) {
    }

    public record ShipPayload(String order, String capture) {
    }

    public record CancelOrderPayload(String order, String why) {
    }

    public record RemindPayload(String order) {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("PaymentWorkflow", "p4y")
            .source("payment.mermaid")
            .firstStep("requestPayment")
            .step("requestPayment", RequestPaymentPayload.class, "paid", RetryPolicy.DEFAULT, 5)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 7)
            .step("cancelOrder", CancelOrderPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 8)
            .step("remind", RemindPayload.class, "cancelOrder", RetryPolicy.DEFAULT, 9, Duration.ofDays(5))
            .await(new WaitDefinition("paid", PaidPayload.class, List.of(
                    new WaitDefinition.On("captured", "ship", ShipPayload.class),
                    new WaitDefinition.On("declined", "cancelOrder", CancelOrderPayload.class)),
                    new WaitDefinition.After(Duration.ofDays(2), "remind"), 4))
            .build();

    protected final PaidWait paid = new PaidWait();

    protected PaymentWorkflowBase() {
        super(DEFINITION);
    }

    public abstract Paid requestPayment(RequestPaymentPayload payload) throws Exception;

    public abstract RemindPayload paidTimedOut(PaidPayload kept) throws Exception;

    public abstract void ship(ShipPayload payload) throws Exception;

    public abstract void cancelOrder(CancelOrderPayload payload) throws Exception;

    public abstract CancelOrderPayload remind(RemindPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        return switch (step) {
            case "requestPayment" -> requestPayment((RequestPaymentPayload) payload).result;
            case "ship" -> {
                ship((ShipPayload) payload);
                yield StepResult.complete();
            }
            case "cancelOrder" -> {
                cancelOrder((CancelOrderPayload) payload);
                yield StepResult.complete();
            }
            case "remind" -> StepResult.next("cancelOrder", remind((RemindPayload) payload));
            default -> throw new IllegalArgumentException("PaymentWorkflow has no step " + step);
        };
    }

    @Override
    protected final StepResult executeTimer(String wait, Object kept) throws Exception {
        return switch (wait) {
            case "paid" -> StepResult.next("remind", paidTimedOut((PaidPayload) kept));
            default -> throw new IllegalArgumentException("PaymentWorkflow has no timed wait " + wait);
        };
    }

    /** The events the workflow waits for. */
    public static final class Events {
        private Events() {
        }

        public static Event<PaymentWorkflowBase> captured(ShipPayload payload) {
            return Event.of("PaymentWorkflow", "captured", java.util.Objects.requireNonNull(payload, "payload"));
        }

        public static Event<PaymentWorkflowBase> declined(CancelOrderPayload payload) {
            return Event.of("PaymentWorkflow", "declined", java.util.Objects.requireNonNull(payload, "payload"));
        }
    }

    /** What the step before wait {@code paid} returns. */
    public static final class Paid {
        private final StepResult result;

        private Paid(StepResult result) {
            this.result = result;
        }
    }

    /** Wait {@code paid}. */
    public static final class PaidWait {
        private PaidWait() {
        }

        public Paid await(PaidPayload kept) {
            return new Paid(StepResult.next("paid", kept));
        }
    }
}
