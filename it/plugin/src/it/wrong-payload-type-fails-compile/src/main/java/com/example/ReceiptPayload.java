package com.example;

public record ReceiptPayload() {}
