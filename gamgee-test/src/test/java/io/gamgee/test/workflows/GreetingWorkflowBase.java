package io.gamgee.test.workflows;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/**
 * One step with retries, as generated from:
 * <pre>
 * [*] --> greet
 * greet --> greet: attempts=3\nbackoffMs=1000
 * greet --> [*]
 * </pre>
 */
public abstract class GreetingWorkflowBase extends WorkflowBase<GreetingWorkflowBase.GreetPayload> {

    public record GreetPayload(String name) {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("GreetingWorkflow", "gr33t")
            .source("greeting.mermaid")
            .firstStep("greet")
            .step("greet", GreetPayload.class, WorkflowDefinition.END, RetryPolicy.of(3, 1000), 5)
            .build();

    protected GreetingWorkflowBase() {
        super(DEFINITION);
    }

    public abstract void greet(GreetPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "greet": {
                greet((GreetPayload) payload);
                return StepResult.complete();
            }
            default:
                throw new IllegalArgumentException("GreetingWorkflow has no step " + step);
        }
    }
}
