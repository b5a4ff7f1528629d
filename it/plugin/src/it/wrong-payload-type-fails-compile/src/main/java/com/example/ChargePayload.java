package com.example;

public record ChargePayload() {}
