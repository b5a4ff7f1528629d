package io.gamgee.test.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A payment that records every step it runs. */
public class PaymentWorkflow extends PaymentWorkflowBase {

    /** Every step run, as {@code step:detail}, in order. */
    public final List<String> ran = new CopyOnWriteArrayList<>();

    @Override
    public Paid requestPayment(RequestPaymentPayload payload) {
        ran.add("requestPayment:" + payload.order());
        return paid.await(new PaidPayload(payload.order(), "pr-" + payload.order()));
    }

    @Override
    public RemindPayload paidTimedOut(PaidPayload kept) {
        return new RemindPayload(kept.order());
    }

    @Override
    public void ship(ShipPayload payload) {
        ran.add("ship:" + payload.capture());
    }

    @Override
    public void cancelOrder(CancelOrderPayload payload) {
        ran.add("cancelOrder:" + payload.why());
    }

    @Override
    public CancelOrderPayload remind(RemindPayload payload) {
        ran.add("remind:" + payload.order());
        return new CancelOrderPayload(payload.order(), "never paid");
    }
}
