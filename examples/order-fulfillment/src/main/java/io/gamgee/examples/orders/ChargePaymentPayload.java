package io.gamgee.examples.orders;

/** Stock is held for the order; now take the money. */
public record ChargePaymentPayload(String orderId, String reservationId, long amountCents, String customerEmail) {
}
