package com.example;

public record GreetPayload(String name) {}
