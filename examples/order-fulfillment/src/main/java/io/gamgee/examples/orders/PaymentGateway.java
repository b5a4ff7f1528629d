package io.gamgee.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A payment provider that times out now and then. Charges carry an idempotency key (the workflow
 * step's {@code StepContext.idempotencyKey()}), so a retried charge cannot take the money twice.
 */
@ApplicationScoped
public class PaymentGateway {

    private final DoubleSupplier failureRate;
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong refunds = new AtomicLong();

    /** Times out on a share of calls given by {@code -Ddemo.paymentFailureRate} (default 0.3). */
    public PaymentGateway() {
        this(() -> Double.parseDouble(System.getProperty("demo.paymentFailureRate", "0.3")));
    }

    /** Times out on the share of calls {@code failureRate} gives at the time of each call. */
    PaymentGateway(DoubleSupplier failureRate) {
        this.failureRate = failureRate;
    }

    /** Charges once per idempotency key and returns the payment id (the same for a repeated key). */
    public String charge(String idempotencyKey, long amountCents) {
        Latency.simulate();
        if (ThreadLocalRandom.current().nextDouble() < failureRate.getAsDouble()) {
            timeouts.incrementAndGet();
            throw new PaymentTimeoutException("payment provider timed out charging " + idempotencyKey);
        }
        return "pay-" + idempotencyKey;
    }

    /** Refunds a payment. */
    public void refund(String paymentId, long amountCents) {
        Latency.simulate();
        refunds.incrementAndGet();
    }

    /** How many refunds were made in this JVM. */
    public long refunds() {
        return refunds.get();
    }

    /** How many charges timed out in this JVM. */
    public long timeouts() {
        return timeouts.get();
    }

    /** The provider did not answer in time; the step is retried with backoff. */
    public static final class PaymentTimeoutException extends RuntimeException {
        public PaymentTimeoutException(String message) {
            super(message);
        }
    }
}
