package com.example.billing.invoicing;

public record SendPayload(String invoiceText) {}
