package io.gamgee.test.workflows;

/** The payload of step {@code left}. */
public record LeftPayload() {
}
