package io.gamgee.test.workflows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A checkout that records every step it runs; {@link #failing} makes steps throw. */
public class CheckoutWorkflow extends CheckoutWorkflowBase {

    /** Every step run, as {@code step:order}, in order. */
    public final List<String> ran = new CopyOnWriteArrayList<>();
    /** How many more times each step throws. */
    public final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();
    /** What the merge received. */
    public final List<String> merged = new CopyOnWriteArrayList<>();

    private void run(String step, String order) {
        ran.add(step + ":" + order);
        AtomicInteger left = failing.get(step);
        if (left != null && left.getAndDecrement() > 0) {
            throw new IllegalStateException(step + " failed for " + order);
        }
    }

    @Override
    public Split prepare(PreparePayload payload) {
        run("prepare", payload.order());
        return split.start(new ChargeCardPayload(payload.order(), payload.cents()),
                new ReserveStockPayload(payload.order()));
    }

    @Override
    public ChargeCardResult chargeCard(ChargeCardPayload payload) {
        run("chargeCard", payload.order());
        return new ChargeCardResult("receipt-" + payload.order() + "-" + payload.cents());
    }

    @Override
    public PickShelfPayload reserveStock(ReserveStockPayload payload) {
        run("reserveStock", payload.order());
        return new PickShelfPayload(payload.order(), "A7");
    }

    @Override
    public PickShelfResult pickShelf(PickShelfPayload payload) {
        run("pickShelf", payload.order());
        return new PickShelfResult(payload.shelf());
    }

    @Override
    public ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf) {
        run("merge", chargeCard.receipt());
        merged.add(chargeCard.receipt() + "+" + pickShelf.shelf());
        String receipt = chargeCard.receipt();
        String order = receipt.substring("receipt-".length(), receipt.lastIndexOf('-'));
        return new ShipPayload(order, receipt, pickShelf.shelf());
    }

    @Override
    public void ship(ShipPayload payload) {
        run("ship", payload.order());
    }
}
