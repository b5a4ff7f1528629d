package com.example;

public record ShipPayload() {}
