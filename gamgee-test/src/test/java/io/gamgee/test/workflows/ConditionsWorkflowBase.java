package io.gamgee.test.workflows;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/** Shaped exactly like the compiler's output for the conditions diagram of DESIGN.md. */
public abstract class ConditionsWorkflowBase extends WorkflowBase<ConditionsWorkflowBase.DecidePayload> {

    public record DecidePayload(String side) {
    }

    public record LeftPayload() {
    }

    public record RightPayload() {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("ConditionsWorkflow", "c0nd1t10n5")
            .source("com/example/conditions.mermaid")
            .firstStep("decide")
            .step("decide", DecidePayload.class, "choice", RetryPolicy.of(1, 1000), 7)
            .step("left", LeftPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 9)
            .step("right", RightPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 10)
            .decision("choice", 6, "chooseLeft", "left", "chooseRight", "right")
            .build();

    protected final ChoiceBranches choice = new ChoiceBranches();

    protected ConditionsWorkflowBase() {
        super(DEFINITION);
    }

    public abstract ChoiceDecision decide(DecidePayload payload) throws Exception;

    public abstract void left(LeftPayload payload) throws Exception;

    public abstract void right(RightPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "decide": {
                ChoiceDecision decision = decide((DecidePayload) payload);
                if (decision == null) {
                    throw new NullPointerException("step decide returned null; return one of choice's branch methods");
                }
                return decision.result;
            }
            case "left": {
                left((LeftPayload) payload);
                return StepResult.complete();
            }
            case "right": {
                right((RightPayload) payload);
                return StepResult.complete();
            }
            default:
                throw new IllegalArgumentException("ConditionsWorkflow has no step " + step);
        }
    }

    public static final class ChoiceDecision {
        private final StepResult result;

        private ChoiceDecision(StepResult result) {
            this.result = result;
        }
    }

    public static final class ChoiceBranches {
        private ChoiceBranches() {
        }

        public ChoiceDecision chooseLeft(LeftPayload payload) {
            return new ChoiceDecision(StepResult.next("left", payload));
        }

        public ChoiceDecision chooseRight(RightPayload payload) {
            return new ChoiceDecision(StepResult.next("right", payload));
        }
    }
}
