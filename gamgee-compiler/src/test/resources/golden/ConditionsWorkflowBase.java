package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code ConditionsWorkflow} workflow, generated from com/example/conditions.mermaid. Extend it and implement one method per step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class ConditionsWorkflowBase extends WorkflowBase<DecidePayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("ConditionsWorkflow", "793c2aed37eb7f3d450768c1bce34096dc85ceaa333920ddd41ccf75be53d3a7")
            .source("com/example/conditions.mermaid")
            .firstStep("decide")
            .step("decide", DecidePayload.class, "choice", RetryPolicy.of(1, 1000), 6)
            .step("left", LeftPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 8)
            .step("right", RightPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 9)
            .decision("choice", 5, "chooseLeft", "left", "chooseRight", "right")
            .build();

    /**
     * Decision {@code choice} (com/example/conditions.mermaid:5): return one of its branch methods from the step before it.
     */
    protected final ChoiceBranches choice = new ChoiceBranches();

    protected ConditionsWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code decide} (com/example/conditions.mermaid:6). Leads to decision {@code choice}: return one of {@code choice}'s branch methods.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract ChoiceDecision decide(DecidePayload payload) throws Exception;

    /**
     * Step {@code left} (com/example/conditions.mermaid:8). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void left(LeftPayload payload) throws Exception;

    /**
     * Step {@code right} (com/example/conditions.mermaid:9). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void right(RightPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "decide" -> {
                ChoiceDecision decision = decide((DecidePayload) payload);
                if (decision == null) {
                    throw new NullPointerException("step decide returned null; return one of choice's branch methods");
                }
                return decision.result;
            }
            case "left" -> {
                left((LeftPayload) payload);
                return StepResult.complete();
            }
            case "right" -> {
                right((RightPayload) payload);
                return StepResult.complete();
            }
            default -> throw new IllegalArgumentException("ConditionsWorkflow has no step " + step);
        }
    }

    /**
     * The outcome of decision {@code choice}; only {@link ChoiceBranches}'s methods make one.
     */
    public static final class ChoiceDecision {
        private final StepResult result;

        private ChoiceDecision(StepResult result) {
            this.result = result;
        }
    }

    /**
     * The branches of decision {@code choice} (com/example/conditions.mermaid:5).
     */
    public static final class ChoiceBranches {
        private ChoiceBranches() {
        }

        /**
         * Branch {@code chooseLeft} (com/example/conditions.mermaid:8): continue with step {@code left}.
         */
        public ChoiceDecision chooseLeft(LeftPayload payload) {
            return new ChoiceDecision(StepResult.next("left", payload));
        }

        /**
         * Branch {@code chooseRight} (com/example/conditions.mermaid:9): continue with step {@code right}.
         */
        public ChoiceDecision chooseRight(RightPayload payload) {
            return new ChoiceDecision(StepResult.next("right", payload));
        }
    }
}
