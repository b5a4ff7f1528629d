package io.gamgee.chaos;

/** A paid order to ship. */
public record ShipPayload(String orderId) {
}
