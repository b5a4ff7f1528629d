package io.gamgee.examples.orders;

/** A new order: what to reserve and whom to charge. */
public record ReserveStockPayload(String orderId, String sku, int quantity, long amountCents, String customerEmail) {
}
