package com.example.b;

public record StartPayload() {}
