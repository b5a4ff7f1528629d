package io.gamgee.examples.checkout;

/**
 * The outside world the checkout talks to. Each call takes an idempotency key (the branch's
 * instance id), so a step that runs again after a crash charges or reserves nothing twice.
 */
public interface Services {

    /** Charges the card; returns the payment id. The same key twice charges once. */
    String charge(String idempotencyKey, String cardToken, long amountCents) throws Exception;

    /** Reserves stock; returns the reservation id. May fail now and then: the step retries. */
    String reserve(String idempotencyKey, String sku, int quantity) throws Exception;

    /** Picks a reservation off a shelf; returns the shelf. */
    String pick(String reservationId) throws Exception;

    /** Hands the parcel to the carrier. */
    void ship(String orderId, String paymentId, String shelf) throws Exception;
}
