package io.gamgee.examples.payment;

/** An order that will not be paid. */
public record CancelOrderPayload(String orderId, String email, String reason) {
}
