package io.gamgee.examples.conditions;

/** The payload of step {@code decide}. */
public record DecidePayload() {
}
