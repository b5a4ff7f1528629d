package com.example.orders;

public record ShipPayload(String orderId) {}
