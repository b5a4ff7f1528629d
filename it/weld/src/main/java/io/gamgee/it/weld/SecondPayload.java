package io.gamgee.it.weld;

public record SecondPayload(int number) {
}
