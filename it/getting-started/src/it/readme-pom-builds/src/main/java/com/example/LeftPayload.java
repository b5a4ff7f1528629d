package com.example;

public record LeftPayload() {
}
