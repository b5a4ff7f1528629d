package io.gamgee.test.workflows;

/** The payload of step {@code greet}. */
public record GreetPayload(String name) {
}
