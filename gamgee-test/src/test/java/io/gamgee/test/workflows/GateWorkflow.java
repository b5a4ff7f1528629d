package io.gamgee.test.workflows;

/** Ships when there is stock, otherwise gives up through the decision's branch to [*]. */
public class GateWorkflow extends GateWorkflowBase {

    @Override
    public GateDecision check(CheckPayload payload) {
        return payload.stock() > 0 ? gate.proceed(new ShipPayload(payload.stock())) : gate.giveUp();
    }

    @Override
    public void ship(ShipPayload payload) {
    }
}
