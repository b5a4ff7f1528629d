package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code ReviewWorkflow} workflow, generated from com/example/give-up.mermaid. Extend it and implement one method per step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class ReviewWorkflowBase extends WorkflowBase<ReviewPayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("ReviewWorkflow", "f0ede4cb51a6f9a90403511cf42b8aa4e29125990bbc47750ede8529271913bb")
            .source("com/example/give-up.mermaid")
            .firstStep("review")
            .step("review", ReviewPayload.class, "verdict", RetryPolicy.of(1, 1000), 6)
            .step("publish", PublishPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 8)
            .decision("verdict", 5, "accept", "publish", "reject", WorkflowDefinition.END)
            .build();

    /**
     * Decision {@code verdict} (com/example/give-up.mermaid:5): return one of its branch methods from the step before it.
     */
    protected final VerdictBranches verdict = new VerdictBranches();

    protected ReviewWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code review} (com/example/give-up.mermaid:6). Leads to decision {@code verdict}: return one of {@code verdict}'s branch methods.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract VerdictDecision review(ReviewPayload payload) throws Exception;

    /**
     * Step {@code publish} (com/example/give-up.mermaid:8). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void publish(PublishPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "review" -> {
                VerdictDecision decision = review((ReviewPayload) payload);
                if (decision == null) {
                    throw new NullPointerException("step review returned null; return one of verdict's branch methods");
                }
                return decision.result;
            }
            case "publish" -> {
                publish((PublishPayload) payload);
                return StepResult.complete();
            }
            default -> throw new IllegalArgumentException("ReviewWorkflow has no step " + step);
        }
    }

    /**
     * The outcome of decision {@code verdict}; only {@link VerdictBranches}'s methods make one.
     */
    public static final class VerdictDecision {
        private final StepResult result;

        private VerdictDecision(StepResult result) {
            this.result = result;
        }
    }

    /**
     * The branches of decision {@code verdict} (com/example/give-up.mermaid:5).
     */
    public static final class VerdictBranches {
        private VerdictBranches() {
        }

        /**
         * Branch {@code accept} (com/example/give-up.mermaid:8): continue with step {@code publish}.
         */
        public VerdictDecision accept(PublishPayload payload) {
            return new VerdictDecision(StepResult.next("publish", payload));
        }

        /**
         * Branch {@code reject} (com/example/give-up.mermaid:9): end the workflow.
         */
        public VerdictDecision reject() {
            return new VerdictDecision(StepResult.complete());
        }
    }
}
