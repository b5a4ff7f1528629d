package io.gamgee.examples.checkout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for a payment provider, a warehouse and a carrier: each call takes {@code latencyMs},
 * the warehouse refuses every third first reservation attempt, and charges and reservations are
 * idempotent by key, as real providers' are.
 */
public final class SimulatedServices implements Services {

    private final long latencyMs;
    private final Map<String, String> charges = new ConcurrentHashMap<>();
    private final Map<String, String> reservations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reserveAttempts = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    public SimulatedServices(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    private void work() throws InterruptedException {
        Thread.sleep(latencyMs);
    }

    @Override
    public String charge(String idempotencyKey, String cardToken, long amountCents) throws InterruptedException {
        work();
        return charges.computeIfAbsent(idempotencyKey, key -> "pay-" + sequence.incrementAndGet());
    }

    @Override
    public String reserve(String idempotencyKey, String sku, int quantity) throws InterruptedException {
        work();
        int attempt = reserveAttempts.computeIfAbsent(idempotencyKey, key -> new AtomicInteger()).incrementAndGet();
        if (attempt == 1 && Math.floorMod(idempotencyKey.hashCode(), 3) == 0) {
            throw new IllegalStateException("stock service busy, try again (" + sku + ")");
        }
        return reservations.computeIfAbsent(idempotencyKey, key -> "res-" + sequence.incrementAndGet());
    }

    @Override
    public String pick(String reservationId) throws InterruptedException {
        work();
        return "shelf-" + Math.floorMod(reservationId.hashCode(), 40);
    }

    @Override
    public void ship(String orderId, String paymentId, String shelf) throws InterruptedException {
        work();
    }
}
