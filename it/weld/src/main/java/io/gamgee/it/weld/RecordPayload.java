package io.gamgee.it.weld;

public record RecordPayload(String greeting) {
}
