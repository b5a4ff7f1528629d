package io.gamgee.examples.payment;

/** A paid order, ready to ship. */
public record ShipPayload(String orderId, String email, String captureId) {
}
