package io.gamgee.examples.checkout;

/** An order as the shop hands it over: who pays how much for what. */
public record PreparePayload(String orderId, String cardToken, long amountCents, String sku, int quantity) {
}
