package com.example.billing.invoicing;

public class InvoiceWorkflow extends InvoiceWorkflowBase {

    @Override
    public SendPayload draft(DraftPayload payload) {
        return new SendPayload(payload.customer() + " owes " + payload.cents() + " cents");
    }

    @Override
    public void send(SendPayload payload) {
        System.out.println(payload.invoiceText());
    }
}
