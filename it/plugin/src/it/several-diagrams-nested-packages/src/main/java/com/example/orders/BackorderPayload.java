package com.example.orders;

public record BackorderPayload(String orderId, int missing) {}
