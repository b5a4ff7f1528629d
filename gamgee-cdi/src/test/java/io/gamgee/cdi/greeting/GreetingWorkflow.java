package io.gamgee.cdi.greeting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class GreetingWorkflow extends GreetingWorkflowBase {

    @Inject
    Guestbook guestbook;

    @Override
    public RecordPayload greet(GreetPayload payload) {
        guestbook.executedBy(this);
        return new RecordPayload("Hello, " + payload.name() + "!");
    }

    @Override
    public void record(RecordPayload payload) {
        guestbook.executedBy(this);
        guestbook.sign(payload.greeting());
    }
}
