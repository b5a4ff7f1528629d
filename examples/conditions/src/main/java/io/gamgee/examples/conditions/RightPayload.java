package io.gamgee.examples.conditions;

/** The payload of step {@code right}. */
public record RightPayload() {
}
