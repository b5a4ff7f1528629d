package ${package};

/** The payload of step {@code french}. */
public record FrenchPayload(String name) {
}
