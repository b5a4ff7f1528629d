package io.gamgee.it.quarkus;

public record RecordPayload(String greeting) {
}
