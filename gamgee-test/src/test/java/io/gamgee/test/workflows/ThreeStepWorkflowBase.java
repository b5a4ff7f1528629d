package io.gamgee.test.workflows;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/** {@code [*] --> a --> b --> c --> [*]}, as generated. */
public abstract class ThreeStepWorkflowBase extends WorkflowBase<ThreeStepWorkflowBase.APayload> {

    public record APayload(int n) {
    }

    public record BPayload(int n) {
    }

    public record CPayload(int n) {
    }

    public static final WorkflowDefinition DEFINITION = definition("thr33");

    /** The same diagram under another hash. */
    public static WorkflowDefinition definition(String hash) {
        return WorkflowDefinition.builder("ThreeStepWorkflow", hash)
                .source("three.mermaid")
                .firstStep("a")
                .step("a", APayload.class, "b", RetryPolicy.DEFAULT, 5)
                .step("b", BPayload.class, "c", RetryPolicy.DEFAULT, 6)
                .step("c", CPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 7)
                .build();
    }

    /** The same diagram with {@code a --> a: attempts=<attempts>\nbackoffMs=1}. */
    public static WorkflowDefinition withAttempts(int attempts) {
        return withRetries(attempts, 1);
    }

    /** The same diagram with {@code a --> a: attempts=<attempts>\nbackoffMs=<backoffMs>}. */
    public static WorkflowDefinition withRetries(int attempts, long backoffMs) {
        return WorkflowDefinition.builder("ThreeStepWorkflow", "thr33-" + attempts + "-" + backoffMs)
                .source("three.mermaid")
                .firstStep("a")
                .step("a", APayload.class, "b", RetryPolicy.of(attempts, backoffMs), 5)
                .step("b", BPayload.class, "c", RetryPolicy.DEFAULT, 6)
                .step("c", CPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 7)
                .build();
    }

    /** An edited diagram, {@code a --> c}, in which step b no longer exists. */
    public static WorkflowDefinition withoutB(String hash) {
        return WorkflowDefinition.builder("ThreeStepWorkflow", hash)
                .source("three.mermaid")
                .firstStep("a")
                .step("a", APayload.class, "c", RetryPolicy.DEFAULT, 5)
                .step("c", CPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 6)
                .build();
    }

    protected ThreeStepWorkflowBase() {
        super(DEFINITION);
    }

    protected ThreeStepWorkflowBase(WorkflowDefinition definition) {
        super(definition);
    }

    public abstract BPayload a(APayload payload) throws Exception;

    public abstract CPayload b(BPayload payload) throws Exception;

    public abstract void c(CPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "a":
                return StepResult.next("b", a((APayload) payload));
            case "b":
                return StepResult.next("c", b((BPayload) payload));
            case "c": {
                c((CPayload) payload);
                return StepResult.complete();
            }
            default:
                throw new IllegalArgumentException("ThreeStepWorkflow has no step " + step);
        }
    }
}
