package com.example;

// charge leads to ship, so it must return a ShipPayload, not a ReceiptPayload.
public class PaymentWorkflow extends PaymentWorkflowBase {

    @Override
    public ReceiptPayload charge(ChargePayload payload) {
        return new ReceiptPayload();
    }

    @Override
    public void ship(ShipPayload payload) {
    }
}
