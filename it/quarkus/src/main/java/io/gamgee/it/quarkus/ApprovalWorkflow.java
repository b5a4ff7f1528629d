package io.gamgee.it.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Waits for a person's decision, which arrives as an HTTP webhook ({@link ApprovalWebhook}). */
@ApplicationScoped
public class ApprovalWorkflow extends ApprovalWorkflowBase {

    @Inject
    Guestbook guestbook;

    @Override
    public Decided requestApproval(RequestApprovalPayload payload) {
        guestbook.write("approval requested for " + payload.document());
        return decided.await(new DecidedPayload(payload.document()));
    }

    @Override
    public ArchivePayload decidedTimedOut(DecidedPayload kept) {
        return new ArchivePayload(kept.document(), "nobody decided within an hour");
    }

    @Override
    public void publish(PublishPayload payload) {
        guestbook.write("published " + payload.document() + ", approved by " + payload.approver());
    }

    @Override
    public void archive(ArchivePayload payload) {
        guestbook.write("archived " + payload.document() + ": " + payload.reason());
    }
}
