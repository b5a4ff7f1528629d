package com.example.probe;

public record PongPayload(int n) {
}
