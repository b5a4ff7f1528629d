package io.gamgee.it.weld;

public record FirstPayload(int number) {
}
