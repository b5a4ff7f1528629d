package com.example.probe;

public class ProbeWorkflow extends ProbeWorkflowBase {

    static int lastPong;

    @Override
    public PongPayload ping(PingPayload payload) {
        return new PongPayload(payload.n() + 1);
    }

    @Override
    public void pong(PongPayload payload) {
        lastPong = payload.n();
    }
}
