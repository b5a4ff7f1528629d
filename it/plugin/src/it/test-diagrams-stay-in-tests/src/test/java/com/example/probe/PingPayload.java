package com.example.probe;

public record PingPayload(int n) {
}
