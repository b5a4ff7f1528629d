package io.gamgee.examples.payment;

/** What an order keeps while it waits after the reminder. */
public record PaidAfterReminderPayload(String orderId, String email, String paymentRequestId) {
}
