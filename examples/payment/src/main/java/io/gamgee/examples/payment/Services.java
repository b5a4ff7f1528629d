package io.gamgee.examples.payment;

/** The outside world: a payment provider, a warehouse and a mailer. Calls take idempotency keys. */
public interface Services {

    /** Asks the provider to collect the amount; returns its payment request id. The same key twice asks once. */
    String requestPayment(String idempotencyKey, String orderId, long amountCents) throws Exception;

    /** Ships the order and returns the tracking number. */
    String ship(String orderId) throws Exception;

    /** Sends the customer a mail, once per key. */
    void mail(String idempotencyKey, String email, String text) throws Exception;
}
