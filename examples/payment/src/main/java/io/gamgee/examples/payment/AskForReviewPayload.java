package io.gamgee.examples.payment;

/** A shipped order, a few days later. */
public record AskForReviewPayload(String orderId, String email) {
}
