package com.example.b;

public class FlowBWorkflow extends FlowBWorkflowBase {

    @Override
    public FinishPayload start(StartPayload payload) {
        return new FinishPayload();
    }

    @Override
    public void finish(FinishPayload payload) {
    }
}
