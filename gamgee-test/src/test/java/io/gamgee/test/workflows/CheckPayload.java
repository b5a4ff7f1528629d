package io.gamgee.test.workflows;

/** The payload of step {@code check}. */
public record CheckPayload(int stock) {
}
