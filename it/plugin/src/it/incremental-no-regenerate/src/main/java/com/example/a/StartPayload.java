package com.example.a;

public record StartPayload() {}
