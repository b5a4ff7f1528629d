package com.example;

public record DecidePayload() {
}
