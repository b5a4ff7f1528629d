package io.gamgee.jpa.workflow;

/** Payload of step {@code ship}. */
public record ShipPayload(String order, String receipt) {
}
