package io.gamgee.it.weld;

public record HoldPayload(String greeting) {
}
