package io.gamgee.test.workflows;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/**
 * A decision with a branch to {@code [*]}, as generated from:
 * <pre>
 * state gate &lt;&lt;choice&gt;&gt;
 * [*] --> check
 * check --> gate
 * gate --> ship: proceed
 * gate --> [*]: giveUp
 * ship --> [*]
 * </pre>
 */
public abstract class GateWorkflowBase extends WorkflowBase<GateWorkflowBase.CheckPayload> {

    public record CheckPayload(int stock) {
    }

    public record ShipPayload(int stock) {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("GateWorkflow", "g4t3")
            .source("gate.mermaid")
            .firstStep("check")
            .step("check", CheckPayload.class, "gate", RetryPolicy.DEFAULT, 7)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 10)
            .decision("gate", 6, "proceed", "ship", "giveUp", WorkflowDefinition.END)
            .build();

    protected final GateBranches gate = new GateBranches();

    protected GateWorkflowBase() {
        super(DEFINITION);
    }

    public abstract GateDecision check(CheckPayload payload) throws Exception;

    public abstract void ship(ShipPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "check": {
                GateDecision decision = check((CheckPayload) payload);
                if (decision == null) {
                    throw new NullPointerException("step check returned null; return one of gate's branch methods");
                }
                return decision.result;
            }
            case "ship": {
                ship((ShipPayload) payload);
                return StepResult.complete();
            }
            default:
                throw new IllegalArgumentException("GateWorkflow has no step " + step);
        }
    }

    public static final class GateDecision {
        private final StepResult result;

        private GateDecision(StepResult result) {
            this.result = result;
        }
    }

    public static final class GateBranches {
        private GateBranches() {
        }

        public GateDecision proceed(ShipPayload payload) {
            return new GateDecision(StepResult.next("ship", payload));
        }

        public GateDecision giveUp() {
            return new GateDecision(StepResult.complete());
        }
    }
}
