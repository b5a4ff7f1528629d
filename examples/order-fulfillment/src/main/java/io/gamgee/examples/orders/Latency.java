package io.gamgee.examples.orders;

/** Makes the services take as long as real remote calls would, from {@code -Ddemo.latencyMs} (default 0). */
final class Latency {

    private static final long MILLIS = Long.getLong("demo.latencyMs", 0);

    private Latency() {
    }

    static void simulate() {
        if (MILLIS <= 0) {
            return;
        }
        try {
            Thread.sleep(MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
