package io.gamgee.chaos;

/** A paid order to pay back. */
public record RefundPayload(String orderId) {
}
