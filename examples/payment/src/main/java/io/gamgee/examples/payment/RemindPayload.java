package io.gamgee.examples.payment;

/** An order whose payment is late. */
public record RemindPayload(String orderId, String email, String paymentRequestId) {
}
