package io.gamgee.cdi.greeting;

public record GreetPayload(String name) {
}
