package ${package};

/** The payload of step {@code english}. */
public record EnglishPayload(String name) {
}
