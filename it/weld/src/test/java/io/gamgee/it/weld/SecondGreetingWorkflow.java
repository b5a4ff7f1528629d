package io.gamgee.it.weld;

import jakarta.enterprise.context.ApplicationScoped;

/** A second implementation of the greeting workflow; deploying it beside the first must fail. */
@ApplicationScoped
public class SecondGreetingWorkflow extends GreetingWorkflowBase {

    @Override
    public HoldPayload greet(GreetPayload payload) {
        return new HoldPayload("Hi " + payload.name());
    }

    @Override
    public RecordPayload hold(HoldPayload payload) {
        return new RecordPayload(payload.greeting());
    }

    @Override
    public void record(RecordPayload payload) {
    }
}
