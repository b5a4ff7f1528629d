package io.gamgee.examples.payment;

/** What an order keeps while it waits for the payment provider. */
public record PaidPayload(String orderId, String email, String paymentRequestId) {
}
