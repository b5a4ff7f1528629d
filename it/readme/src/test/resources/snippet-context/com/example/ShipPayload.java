package com.example;

/** The second step's payload of README's running example. */
public record ShipPayload(String orderId) {
}
