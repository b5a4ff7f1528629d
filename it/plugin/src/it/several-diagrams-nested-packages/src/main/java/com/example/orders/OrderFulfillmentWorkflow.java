package com.example.orders;

public class OrderFulfillmentWorkflow extends OrderFulfillmentWorkflowBase {

    @Override
    public InStockDecision reserve(ReservePayload payload) {
        if (payload.available() >= payload.quantity()) {
            return inStock.shipNow(new ShipPayload(payload.orderId()));
        }
        return inStock.waitForStock(new BackorderPayload(payload.orderId(), payload.quantity() - payload.available()));
    }

    @Override
    public void ship(ShipPayload payload) {
        System.out.println("shipping " + payload.orderId());
    }

    @Override
    public void backorder(BackorderPayload payload) {
        System.out.println("backordering " + payload.missing() + " for " + payload.orderId());
    }
}
