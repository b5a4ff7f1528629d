package com.example;

/** The first step's payload of README's running example, {@code OrderWorkflow} ({@code order.mermaid}). */
public record ChargePayload(String orderId, long amount) {
}
