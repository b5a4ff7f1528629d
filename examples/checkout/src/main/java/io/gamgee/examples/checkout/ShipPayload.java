package io.gamgee.examples.checkout;

/** Both branches' outcomes, merged: paid for and picked. */
public record ShipPayload(String orderId, String paymentId, String reservationId, String shelf) {
}
