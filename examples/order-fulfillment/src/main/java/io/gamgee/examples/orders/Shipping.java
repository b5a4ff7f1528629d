package io.gamgee.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Books a carrier for a reservation. */
@ApplicationScoped
public class Shipping {

    private final AtomicLong shipped = new AtomicLong();

    /** Books the shipment and returns its tracking number. */
    public String ship(String orderId, String reservationId) {
        Latency.simulate();
        shipped.incrementAndGet();
        return "TRK-" + Math.abs((orderId + reservationId).hashCode());
    }

    /** Shipments booked in this JVM. */
    public long shipped() {
        return shipped.get();
    }
}
