package io.gamgee.examples.orders;

import io.gamgee.core.StepContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reserve stock, charge (retried), then ship or refund, then tell the customer. Every step is idempotent. */
@ApplicationScoped
public class OrderFulfillmentWorkflow extends OrderFulfillmentWorkflowBase {

    @Inject
    Inventory inventory;

    @Inject
    PaymentGateway payments;

    @Inject
    FraudCheck fraudCheck;

    @Inject
    Shipping shipping;

    @Inject
    Notifier notifier;

    @Override
    public ChargePaymentPayload reserveStock(ReserveStockPayload order) {
        String reservation = inventory.reserve(order.orderId(), order.sku(), order.quantity());
        return new ChargePaymentPayload(order.orderId(), reservation, order.amountCents(), order.customerEmail());
    }

    @Override
    public ShipOrRefundDecision chargePayment(ChargePaymentPayload charge) {
        // the same key on every retry of this step: the provider takes the money once
        String payment = payments.charge(StepContext.current().idempotencyKey(), charge.amountCents());
        if (fraudCheck.flagged(charge.orderId())) {
            return shipOrRefund.refund(new RefundPayload(charge.orderId(), charge.reservationId(), payment,
                    charge.amountCents(), charge.customerEmail(), "flagged by the fraud check"));
        }
        return shipOrRefund.ship(new ShipPayload(charge.orderId(), charge.reservationId(), payment, charge.customerEmail()));
    }

    @Override
    public NotifyCustomerPayload ship(ShipPayload order) {
        String tracking = shipping.ship(order.orderId(), order.reservationId());
        return new NotifyCustomerPayload(order.orderId(), order.customerEmail(),
                "Your order " + order.orderId() + " is on its way: " + tracking);
    }

    @Override
    public NotifyCustomerPayload refund(RefundPayload order) {
        payments.refund(order.paymentId(), order.amountCents());
        inventory.release(order.reservationId());
        return new NotifyCustomerPayload(order.orderId(), order.customerEmail(),
                "Your order " + order.orderId() + " was cancelled and refunded: " + order.reason());
    }

    @Override
    public void notifyCustomer(NotifyCustomerPayload message) {
        notifier.send(message.customerEmail(), message.message());
    }
}
