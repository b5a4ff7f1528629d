package io.gamgee.examples.checkout;

import io.gamgee.core.StepContext;
import java.util.Objects;

/**
 * Charges the card and reserves stock at the same time, then ships. The diagram
 * ({@code checkout.mermaid}) forks after {@code prepare}; each branch runs on whichever worker
 * claims it, and the join's {@link #merge} runs once both have finished.
 */
public class CheckoutWorkflow extends CheckoutWorkflowBase {

    private final Services services;

    public CheckoutWorkflow(Services services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public Split prepare(PreparePayload order) {
        if (order.quantity() < 1 || order.amountCents() < 1) {
            throw new IllegalArgumentException("order " + order.orderId() + " has nothing to pay for");
        }
        return split.start(
                new ChargeCardPayload(order.orderId(), order.cardToken(), order.amountCents()),
                new ReserveStockPayload(order.orderId(), order.sku(), order.quantity()));
    }

    @Override
    public ChargeCardResult chargeCard(ChargeCardPayload payload) throws Exception {
        // the branch's own id (<order>/chargeCard) is a key no other charge uses
        String key = StepContext.current().instanceId();
        return new ChargeCardResult(services.charge(key, payload.cardToken(), payload.amountCents()));
    }

    @Override
    public PickShelfPayload reserveStock(ReserveStockPayload payload) throws Exception {
        String key = StepContext.current().instanceId();
        String reservation = services.reserve(key, payload.sku(), payload.quantity());
        return new PickShelfPayload(payload.orderId(), reservation, payload.sku(), payload.quantity());
    }

    @Override
    public PickShelfResult pickShelf(PickShelfPayload payload) throws Exception {
        return new PickShelfResult(payload.reservationId(), services.pick(payload.reservationId()));
    }

    @Override
    public ShipPayload merge(ChargeCardResult card, PickShelfResult shelf) {
        // a pure function of the branches' results: it may run again if a worker dies before its result is stored
        String orderId = StepContext.current().instanceId();
        return new ShipPayload(orderId, card.paymentId(), shelf.reservationId(), shelf.shelf());
    }

    @Override
    public void ship(ShipPayload payload) throws Exception {
        services.ship(payload.orderId(), payload.paymentId(), payload.shelf());
    }
}
