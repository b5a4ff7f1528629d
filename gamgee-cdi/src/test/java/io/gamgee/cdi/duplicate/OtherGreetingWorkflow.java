package io.gamgee.cdi.duplicate;

import io.gamgee.cdi.greeting.GreetingWorkflowBase;
import io.gamgee.cdi.greeting.RecordPayload;
import io.gamgee.cdi.greeting.GreetPayload;
import jakarta.enterprise.context.Dependent;

/** A second implementation of GreetingWorkflow: deploying it beside the first must fail. */
@Dependent
public class OtherGreetingWorkflow extends GreetingWorkflowBase {

    @Override
    public RecordPayload greet(GreetPayload payload) {
        return new RecordPayload("Hi " + payload.name());
    }

    @Override
    public void record(RecordPayload payload) {
    }
}
