package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code ChargeCardWorkflow} workflow, generated from com/example/charge.mermaid. Extend it and implement one method per step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class ChargeCardWorkflowBase extends WorkflowBase<ChargePayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("ChargeCardWorkflow", "0f5bef53c50be9804c0317d5fae9b0d65a3c931e008363ac552f5c4d4744eede")
            .source("com/example/charge.mermaid")
            .firstStep("charge")
            .step("charge", ChargePayload.class, WorkflowDefinition.END, RetryPolicy.of(5, 250), 6)
            .build();

    protected ChargeCardWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code charge} (com/example/charge.mermaid:6). Ends the workflow.
     *
     * <p>Tried up to 5 times, with a base backoff of 250 ms.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void charge(ChargePayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "charge" -> {
                charge((ChargePayload) payload);
                return StepResult.complete();
            }
            default -> throw new IllegalArgumentException("ChargeCardWorkflow has no step " + step);
        }
    }
}
