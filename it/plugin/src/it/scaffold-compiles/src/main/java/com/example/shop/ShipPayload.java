package com.example.shop;

// Written by hand before scaffolding: gamgee:scaffold must keep it.
public record ShipPayload(String address) {}
