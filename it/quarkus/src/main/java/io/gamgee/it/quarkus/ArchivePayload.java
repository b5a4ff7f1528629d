package io.gamgee.it.quarkus;

/** A document that will not be published, and why. */
public record ArchivePayload(String document, String reason) {
}
