package io.gamgee.test.workflows;

/** The payload of step {@code decide}. */
public record DecidePayload(String side) {
}
