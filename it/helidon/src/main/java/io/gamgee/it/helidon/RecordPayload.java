package io.gamgee.it.helidon;

public record RecordPayload(String greeting) {
}
