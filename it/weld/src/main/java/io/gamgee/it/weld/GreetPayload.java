package io.gamgee.it.weld;

public record GreetPayload(String name) {
}
