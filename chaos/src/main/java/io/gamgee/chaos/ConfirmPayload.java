package io.gamgee.chaos;

/** What to tell the customer: {@code shipped} or {@code refunded}. */
public record ConfirmPayload(String orderId, String outcome) {
}
