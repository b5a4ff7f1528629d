package io.gamgee.examples.payment;

import io.gamgee.core.StepContext;
import java.util.Objects;

/**
 * Requests a payment, then waits for the provider's webhook ({@link PaymentWebhook}): captured
 * ships, declined cancels; no word in two days sends a reminder and waits five more. While it
 * waits the order holds no thread, lease or connection: it is one row.
 */
public class PaymentWorkflow extends PaymentWorkflowBase {

    private final Services services;

    public PaymentWorkflow(Services services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public Paid requestPayment(RequestPaymentPayload order) throws Exception {
        String request = services.requestPayment(StepContext.current().idempotencyKey(), order.orderId(),
                order.amountCents());
        return paid.await(new PaidPayload(order.orderId(), order.email(), request));
    }

    @Override
    public RemindPayload paidTimedOut(PaidPayload kept) {
        return new RemindPayload(kept.orderId(), kept.email(), kept.paymentRequestId());
    }

    @Override
    public PaidAfterReminder remind(RemindPayload payload) throws Exception {
        services.mail(StepContext.current().idempotencyKey(), payload.email(),
                "Your order " + payload.orderId() + " is waiting for its payment");
        return paidAfterReminder.await(
                new PaidAfterReminderPayload(payload.orderId(), payload.email(), payload.paymentRequestId()));
    }

    @Override
    public CancelOrderPayload paidAfterReminderTimedOut(PaidAfterReminderPayload kept) {
        return new CancelOrderPayload(kept.orderId(), kept.email(), "not paid within a week");
    }

    @Override
    public AskForReviewPayload ship(ShipPayload payload) throws Exception {
        String tracking = services.ship(payload.orderId());
        services.mail(StepContext.current().idempotencyKey(), payload.email(),
                "Order " + payload.orderId() + " is on its way: " + tracking);
        return new AskForReviewPayload(payload.orderId(), payload.email());
    }

    @Override
    public void cancelOrder(CancelOrderPayload payload) throws Exception {
        services.mail(StepContext.current().idempotencyKey(), payload.email(),
                "Order " + payload.orderId() + " was cancelled: " + payload.reason());
    }

    @Override
    public void askForReview(AskForReviewPayload payload) throws Exception {
        services.mail(StepContext.current().idempotencyKey(), payload.email(),
                "How do you like what you ordered (" + payload.orderId() + ")?");
    }
}
