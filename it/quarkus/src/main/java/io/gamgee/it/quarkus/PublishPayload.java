package io.gamgee.it.quarkus;

/** An approved document and who approved it. */
public record PublishPayload(String document, String approver) {
}
