package com.example.a;

public class FlowAWorkflow extends FlowAWorkflowBase {

    @Override
    public FinishPayload start(StartPayload payload) {
        return new FinishPayload();
    }

    @Override
    public void finish(FinishPayload payload) {
    }
}
