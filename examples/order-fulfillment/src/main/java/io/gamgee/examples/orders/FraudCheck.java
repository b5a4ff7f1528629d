package io.gamgee.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;

/** Flags about one order in ten, decided by the order id so that a retried check gives the same answer. */
@ApplicationScoped
public class FraudCheck {

    /** Whether the order looks fraudulent. */
    public boolean flagged(String orderId) {
        return Math.floorMod(orderId.hashCode(), 10) == 0;
    }
}
