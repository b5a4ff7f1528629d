package io.gamgee.chaos;

/** Stock is held; the payment provider fails this order's first {@code chargeFailures} charges. */
public record ChargePayload(String orderId, boolean refund, int chargeFailures) {
}
