package io.gamgee.examples.orders;

/** Paid but flagged after charging: give the money back and release the stock. */
public record RefundPayload(String orderId, String reservationId, String paymentId, long amountCents,
        String customerEmail, String reason) {
}
