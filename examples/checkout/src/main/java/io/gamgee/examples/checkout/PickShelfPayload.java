package io.gamgee.examples.checkout;

/** A reservation, ready to be picked. */
public record PickShelfPayload(String orderId, String reservationId, String sku, int quantity) {
}
