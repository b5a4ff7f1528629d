package io.gamgee.examples.orders;

/** Paid and cleared by the fraud check: hand the reservation to the carrier. */
public record ShipPayload(String orderId, String reservationId, String paymentId, String customerEmail) {
}
