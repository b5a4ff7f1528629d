package io.gamgee.examples.conditions;

/** The payload of step {@code left}. */
public record LeftPayload() {
}
