package io.gamgee.examples.orders;

/** The last step: tell the customer what happened. */
public record NotifyCustomerPayload(String orderId, String customerEmail, String message) {
}
