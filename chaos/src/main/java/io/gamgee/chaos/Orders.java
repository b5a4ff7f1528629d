package io.gamgee.chaos;

/**
 * The orders a run submits, numbered from 0: which are refunded, which meet a flaky payment
 * provider and which are poisoned. Both the submit and the checks derive them from the number, so
 * the checks know what each instance must have done.
 */
final class Orders {

    /** Charges that fail before a flaky provider accepts; fewer than the diagram's 4 attempts. */
    static final int FLAKY_FAILURES = 2;

    private Orders() {
    }

    static String id(int number) {
        return String.format("chaos-%05d", number);
    }

    static int number(String id) {
        return Integer.parseInt(id.substring("chaos-".length()));
    }

    static ReservePayload order(int number) {
        int failures = poisoned(number) ? Integer.MAX_VALUE : flaky(number) ? FLAKY_FAILURES : 0;
        return new ReservePayload(id(number), refunded(number), failures);
    }

    /** Every third order is refunded after charging instead of shipped. */
    static boolean refunded(int number) {
        return number % 3 == 0;
    }

    /** Every fifth order's first charges fail, and its retries must carry it through. */
    static boolean flaky(int number) {
        return number % 5 == 1;
    }

    /** Every fiftieth order's charge always fails: it must end UNRECOVERABLE after 4 attempts, no more, no less. */
    static boolean poisoned(int number) {
        return number % 50 == 7;
    }
}
