package io.gamgee.examples.simple;

/** Whom to greet. */
public record GreetPayload(String name) {
}
