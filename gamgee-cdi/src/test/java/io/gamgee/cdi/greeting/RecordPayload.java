package io.gamgee.cdi.greeting;

public record RecordPayload(String greeting) {
}
