package io.gamgee.examples.checkout;

/** What the stock branch hands to the join: the shelf the goods were picked from. */
public record PickShelfResult(String reservationId, String shelf) {
}
