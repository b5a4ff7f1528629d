package io.gamgee.chaos;

/** A new order; {@code refund} and {@code chargeFailures} fix in advance what its run will do. */
public record ReservePayload(String orderId, boolean refund, int chargeFailures) {
}
