package io.gamgee.it.helidon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Greets through the injected {@link Greeter} and writes the greeting down. */
@ApplicationScoped
public class GreetingWorkflow extends GreetingWorkflowBase {

    @Inject
    Greeter greeter;
    @Inject
    Guestbook guestbook;

    @Override
    public RecordPayload greet(GreetPayload payload) {
        return new RecordPayload(greeter.greet(payload.name()));
    }

    @Override
    public void record(RecordPayload payload) {
        guestbook.write(payload.greeting());
    }
}
