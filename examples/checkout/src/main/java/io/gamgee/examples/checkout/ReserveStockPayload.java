package io.gamgee.examples.checkout;

/** What the stock branch needs. */
public record ReserveStockPayload(String orderId, String sku, int quantity) {
}
