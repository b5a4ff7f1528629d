package io.gamgee.examples.checkout;

/** What the card branch hands to the join: the payment provider's id for the charge. */
public record ChargeCardResult(String paymentId) {
}
