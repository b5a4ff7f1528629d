package io.gamgee.chaos;

/**
 * The chaos run's workflow. Each step counts its execution, then takes {@code paceMillis}, like a
 * call to another service, so that a killed worker is almost always inside a step.
 */
public class ChaosOrderWorkflow extends ChaosOrderWorkflowBase {

    private final StepExecutions executions;
    private final long paceMillis;

    /** For submitting only: steps cannot run. */
    ChaosOrderWorkflow() {
        this(null, 0);
    }

    ChaosOrderWorkflow(StepExecutions executions, long paceMillis) {
        this.executions = executions;
        this.paceMillis = paceMillis;
    }

    @Override
    public ChargePayload reserve(ReservePayload order) throws Exception {
        execute(order.orderId(), "reserve");
        return new ChargePayload(order.orderId(), order.refund(), order.chargeFailures());
    }

    @Override
    public RouteDecision charge(ChargePayload order) throws Exception {
        int execution = execute(order.orderId(), "charge");
        if (execution <= order.chargeFailures()) {
            throw new IllegalStateException("payment provider declined charge " + execution + " of " + order.orderId());
        }
        return order.refund() ? route.refund(new RefundPayload(order.orderId()))
                : route.ship(new ShipPayload(order.orderId()));
    }

    @Override
    public ConfirmPayload ship(ShipPayload order) throws Exception {
        execute(order.orderId(), "ship");
        return new ConfirmPayload(order.orderId(), "shipped");
    }

    @Override
    public ConfirmPayload refund(RefundPayload order) throws Exception {
        execute(order.orderId(), "refund");
        return new ConfirmPayload(order.orderId(), "refunded");
    }

    @Override
    public void confirm(ConfirmPayload message) throws Exception {
        execute(message.orderId(), "confirm");
    }

    private int execute(String orderId, String step) throws Exception {
        int execution = executions.record(orderId, step);
        if (paceMillis > 0) {
            Thread.sleep(paceMillis);
        }
        return execution;
    }
}
