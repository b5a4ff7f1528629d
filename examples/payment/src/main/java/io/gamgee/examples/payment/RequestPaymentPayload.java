package io.gamgee.examples.payment;

/** An order to be paid for. */
public record RequestPaymentPayload(String orderId, String email, long amountCents) {
}
