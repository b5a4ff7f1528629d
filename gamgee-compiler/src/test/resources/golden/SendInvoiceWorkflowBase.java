package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code SendInvoiceWorkflow} workflow, generated from com/example/timeout.mermaid. Extend it and implement one method per step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class SendInvoiceWorkflowBase extends WorkflowBase<RenderPayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("SendInvoiceWorkflow", "e3c3f20e331dfc00c80da4d6f6b2340cc8933f62f721e05475942bbf24b84097")
            .source("com/example/timeout.mermaid")
            .firstStep("render")
            .step("render", RenderPayload.class, "deliver", RetryPolicy.of(3, 500, 30000), 6)
            .step("deliver", DeliverPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000, 45000), 8)
            .build();

    protected SendInvoiceWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code render} (com/example/timeout.mermaid:6). Leads to step {@code deliver}: return its payload.
     *
     * <p>Tried up to 3 times, with a base backoff of 500 ms.
     *
     * <p>Each try may run for up to 30000 ms; a longer one counts as a failed attempt.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract DeliverPayload render(RenderPayload payload) throws Exception;

    /**
     * Step {@code deliver} (com/example/timeout.mermaid:8). Ends the workflow.
     *
     * <p>Each try may run for up to 45000 ms; a longer one counts as a failed attempt.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void deliver(DeliverPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "render" -> {
                return StepResult.next("deliver", render((RenderPayload) payload));
            }
            case "deliver" -> {
                deliver((DeliverPayload) payload);
                return StepResult.complete();
            }
            default -> throw new IllegalArgumentException("SendInvoiceWorkflow has no step " + step);
        }
    }
}
