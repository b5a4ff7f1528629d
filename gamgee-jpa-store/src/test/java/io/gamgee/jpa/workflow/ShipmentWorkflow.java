package io.gamgee.jpa.workflow;

import java.util.function.Consumer;

/** The user's side of {@link ShipmentWorkflowBase}; a hook sees every step before it runs. */
public class ShipmentWorkflow extends ShipmentWorkflowBase {

    private final Consumer<String> beforeStep;

    public ShipmentWorkflow() {
        this(step -> { });
    }

    /** @param beforeStep called with the step name at the start of each step (to block or pace it) */
    public ShipmentWorkflow(Consumer<String> beforeStep) {
        this.beforeStep = beforeStep;
    }

    @Override
    public ChargePayload reserve(ReservePayload payload) {
        beforeStep.accept("reserve");
        return new ChargePayload(payload.order(), 1299);
    }

    @Override
    public ShipPayload charge(ChargePayload payload) {
        beforeStep.accept("charge");
        return new ShipPayload(payload.order(), "paid " + payload.cents());
    }

    @Override
    public void ship(ShipPayload payload) {
        beforeStep.accept("ship");
    }
}
