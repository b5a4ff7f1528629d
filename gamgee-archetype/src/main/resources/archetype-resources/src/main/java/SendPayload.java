package ${package};

/** The payload of step {@code send}: the greeting to send. */
public record SendPayload(String greeting) {
}
