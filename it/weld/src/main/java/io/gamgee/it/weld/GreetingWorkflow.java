package io.gamgee.it.weld;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The greeting workflow: greets, waits at the gate, writes the greeting down. */
@ApplicationScoped
public class GreetingWorkflow extends GreetingWorkflowBase {

    @Inject
    Greeter greeter;
    @Inject
    Gate gate;
    @Inject
    Guestbook guestbook;

    @Override
    public HoldPayload greet(GreetPayload payload) {
        return new HoldPayload(greeter.greet(payload.name()));
    }

    @Override
    public RecordPayload hold(HoldPayload payload) throws InterruptedException {
        gate.pass();
        return new RecordPayload(payload.greeting());
    }

    @Override
    public void record(RecordPayload payload) {
        guestbook.write(payload.greeting());
    }
}
