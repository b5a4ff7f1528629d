package com.example.billing.invoicing;

public record DraftPayload(String customer, long cents) {}
