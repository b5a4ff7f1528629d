package com.example;

public record RightPayload() {
}
