package io.gamgee.examples.checkout;

/** What the card branch needs. */
public record ChargeCardPayload(String orderId, String cardToken, long amountCents) {
}
