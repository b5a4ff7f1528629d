package io.gamgee.jpa.workflow;

/** Payload of step {@code charge}. */
public record ChargePayload(String order, int cents) {
}
