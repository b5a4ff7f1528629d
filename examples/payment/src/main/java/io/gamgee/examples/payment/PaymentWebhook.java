package io.gamgee.examples.payment;

import io.gamgee.core.SendResult;
import io.gamgee.core.WorkflowClient;
import java.util.Objects;

/**
 * What a payment provider's webhook endpoint does, framework-free: it turns the provider's
 * notification into an event for the order's workflow and the result into an HTTP status. The
 * provider's delivery id is the event id, so a retried delivery changes nothing.
 */
public final class PaymentWebhook {

    private final WorkflowClient client;

    public PaymentWebhook(WorkflowClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Handles one notification.
     *
     * @param deliveryId the provider's id for this delivery (the same on its retries)
     * @param orderId the order, which is the workflow's instance id
     * @param outcome {@code captured} or {@code declined}
     * @param detail the capture id, or the reason for a decline
     * @return the HTTP status to answer: 200 when handled (now, or when the order gets there, or
     *     before), 404 for an unknown order, 409 for one that no longer waits, 400 for an unknown outcome
     */
    public int handle(String deliveryId, String orderId, String outcome, String detail) {
        SendResult result = switch (outcome) {
            case "captured" -> client.send(PaymentWorkflow.class, orderId,
                    PaymentWorkflow.Events.captured(new ShipPayload(orderId, emailOf(orderId), detail))
                            .withId(deliveryId));
            case "declined" -> client.send(PaymentWorkflow.class, orderId,
                    PaymentWorkflow.Events.declined(new CancelOrderPayload(orderId, emailOf(orderId), detail))
                            .withId(deliveryId));
            default -> null;
        };
        if (result == null) {
            return 400;
        }
        return switch (result) {
            case DELIVERED, QUEUED, DUPLICATE -> 200;
            case UNKNOWN_INSTANCE, WRONG_WORKFLOW -> 404;
            case FINISHED -> 409;
        };
    }

    private static String emailOf(String orderId) {
        // a real shop looks the customer up; the example keeps it in the order id's shape
        return orderId + "@example.com";
    }
}
