package ${package};

/** The payload of step {@code receive}: whom to greet, and in which language ({@code "en"} or {@code "fr"}). */
public record ReceivePayload(String name, String language) {
}
