package io.gamgee.jpa.workflow;

/** Payload of step {@code reserve}. */
public record ReservePayload(String order) {
}
