package io.gamgee.test.workflows;

/** The payload of step {@code ship}. */
public record ShipPayload(int stock) {
}
