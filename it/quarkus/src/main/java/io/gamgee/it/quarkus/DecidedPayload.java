package io.gamgee.it.quarkus;

/** What a document keeps while it waits for a decision. */
public record DecidedPayload(String document) {
}
