package io.gamgee.it.helidon;

public record GreetPayload(String name) {
}
