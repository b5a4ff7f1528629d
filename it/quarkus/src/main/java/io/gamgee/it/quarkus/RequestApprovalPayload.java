package io.gamgee.it.quarkus;

/** A document to approve. */
public record RequestApprovalPayload(String document) {
}
