package io.gamgee.cdi.greeting;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/** Shaped like the compiler's output for {@code [*] --> greet --> record --> [*]}. */
public abstract class GreetingWorkflowBase extends WorkflowBase<GreetPayload> {

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("GreetingWorkflow", "greeting-v1")
            .source("io/gamgee/cdi/greeting/greeting.mermaid")
            .firstStep("greet")
            .step("greet", GreetPayload.class, "record", RetryPolicy.of(1, 1000), 5)
            .step("record", RecordPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 6)
            .build();

    protected GreetingWorkflowBase() {
        super(DEFINITION);
    }

    public abstract RecordPayload greet(GreetPayload payload) throws Exception;

    public abstract void record(RecordPayload payload) throws Exception;

    @Override
    protected StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "greet":
                return StepResult.next("record", greet((GreetPayload) payload));
            case "record":
                record((RecordPayload) payload);
                return StepResult.complete();
            default:
                throw new IllegalArgumentException("GreetingWorkflow has no step " + step);
        }
    }
}
