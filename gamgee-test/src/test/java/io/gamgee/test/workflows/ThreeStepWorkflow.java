package io.gamgee.test.workflows;

import io.gamgee.core.definition.WorkflowDefinition;
import java.util.function.Consumer;

/** Passes its number along; hands each step's name to a listener (tests hook in there). */
public class ThreeStepWorkflow extends ThreeStepWorkflowBase {

    private final Consumer<String> listener;

    public ThreeStepWorkflow() {
        this(step -> { });
    }

    public ThreeStepWorkflow(Consumer<String> listener) {
        this.listener = listener;
    }

    public ThreeStepWorkflow(WorkflowDefinition definition, Consumer<String> listener) {
        super(definition);
        this.listener = listener;
    }

    @Override
    public BPayload a(APayload payload) {
        listener.accept("a");
        return new BPayload(payload.n() + 1);
    }

    @Override
    public CPayload b(BPayload payload) {
        listener.accept("b");
        return new CPayload(payload.n() + 1);
    }

    @Override
    public void c(CPayload payload) {
        listener.accept("c");
    }
}
