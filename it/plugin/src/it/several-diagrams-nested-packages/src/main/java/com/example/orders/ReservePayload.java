package com.example.orders;

public record ReservePayload(String orderId, int quantity, int available) {}
