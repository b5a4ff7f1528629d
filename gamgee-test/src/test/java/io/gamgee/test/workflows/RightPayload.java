package io.gamgee.test.workflows;

/** The payload of step {@code right}. */
public record RightPayload() {
}
