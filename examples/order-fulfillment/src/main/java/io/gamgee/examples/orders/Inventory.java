package io.gamgee.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Holds stock for orders. Reserving twice for one order returns the same reservation (idempotent). */
@ApplicationScoped
public class Inventory {

    /** Reserves stock and returns a reservation id derived from the order, so a repeated call is harmless. */
    public String reserve(String orderId, String sku, int quantity) {
        Latency.simulate();
        return "res-" + UUID.nameUUIDFromBytes((orderId + sku + quantity).getBytes()).toString().substring(0, 8);
    }

    /** Puts reserved stock back. */
    public void release(String reservationId) {
        Latency.simulate();
    }
}
