package com.example.b;

public record FinishPayload() {}
