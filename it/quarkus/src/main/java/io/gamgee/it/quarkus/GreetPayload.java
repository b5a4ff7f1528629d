package io.gamgee.it.quarkus;

public record GreetPayload(String name) {
}
