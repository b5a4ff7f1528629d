package com.example.a;

public record FinishPayload() {}
