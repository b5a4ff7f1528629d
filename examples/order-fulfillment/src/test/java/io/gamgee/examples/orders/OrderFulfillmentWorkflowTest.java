package io.gamgee.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.test.WorkflowTestKit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OrderFulfillmentWorkflowTest {

    private final AtomicReference<Double> paymentFailureRate = new AtomicReference<>(0.0);
    private final PaymentGateway payments = new PaymentGateway(paymentFailureRate::get);
    private final Shipping shipping = new Shipping();
    private final Notifier notifier = new Notifier();

    private final WorkflowTestKit kit = WorkflowTestKit.of(this::workflow);

    private OrderFulfillmentWorkflow workflow() {
        OrderFulfillmentWorkflow workflow = new OrderFulfillmentWorkflow();
        workflow.inventory = new Inventory();
        workflow.payments = payments;
        workflow.fraudCheck = new FraudCheck();
        workflow.shipping = shipping;
        workflow.notifier = notifier;
        return workflow;
    }

    @Test
    void shipsAPaidOrder() {
        String id = kit.submit(OrderFulfillmentWorkflow.class, order(cleanOrderId()));

        kit.runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(kit.history(id)).extracting(StepRecord::step)
                .containsExactly("reserveStock", "chargePayment", "ship", "notifyCustomer");
        assertThat(shipping.shipped()).isEqualTo(1);
        assertThat(notifier.sent()).isEqualTo(1);
    }

    @Test
    void refundsAnOrderTheFraudCheckFlags() {
        String id = kit.submit(OrderFulfillmentWorkflow.class, order(flaggedOrderId()));

        kit.runUntilIdle();

        assertThat(kit.history(id)).extracting(StepRecord::step)
                .containsExactly("reserveStock", "chargePayment", "refund", "notifyCustomer");
        assertThat(payments.refunds()).isEqualTo(1);
        assertThat(shipping.shipped()).isZero();
    }

    @Test
    void retriesATimedOutChargeAfterItsBackoff() {
        paymentFailureRate.set(1.0);
        String id = kit.submit(OrderFulfillmentWorkflow.class, order(cleanOrderId()));
        kit.runUntilIdle();
        assertThat(kit.statusOf(id).step()).isEqualTo("chargePayment");
        assertThat(kit.statusOf(id).attempts()).isEqualTo(1);

        paymentFailureRate.set(0.0);
        // attempts=4, backoffMs=200: the first retry is due within 200 ms
        kit.advance(Duration.ofMillis(200)).runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(kit.history(id)).extracting(StepRecord::outcome).containsExactly(
                Outcome.ADVANCED, Outcome.RETRY_SCHEDULED, Outcome.ADVANCED, Outcome.ADVANCED, Outcome.COMPLETED);
    }

    @Test
    void givesUpAfterFourTimeouts() {
        paymentFailureRate.set(1.0);
        String id = kit.submit(OrderFulfillmentWorkflow.class, order(cleanOrderId()));

        kit.runUntilIdle();
        for (int retry = 0; retry < 3; retry++) {
            kit.advance(Duration.ofSeconds(2)).runUntilIdle();
        }

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(kit.statusOf(id).lastError().type()).isEqualTo(PaymentGateway.PaymentTimeoutException.class.getName());
        assertThat(payments.timeouts()).isEqualTo(4);
        assertThat(notifier.sent()).isZero();
    }

    private static ReserveStockPayload order(String orderId) {
        return new ReserveStockPayload(orderId, "SKU-1", 2, 4_200, "ada@example.com");
    }

    private static String cleanOrderId() {
        return orderIdWhere(false);
    }

    private static String flaggedOrderId() {
        return orderIdWhere(true);
    }

    private static String orderIdWhere(boolean flagged) {
        FraudCheck check = new FraudCheck();
        for (int i = 0; ; i++) {
            String id = "order-" + i;
            if (check.flagged(id) == flagged) {
                return id;
            }
        }
    }
}
