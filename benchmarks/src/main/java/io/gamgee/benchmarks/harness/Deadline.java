package io.gamgee.benchmarks.harness;

import java.time.Duration;

/**
 * The end of the whole run. Work that has not started by then is skipped and says so; timeouts of
 * work in progress are cut to what is left, so the run ends by itself.
 */
public final class Deadline {

    private final long endNanos;
    private final Duration total;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    /** A deadline {@code total} from now. */
    public static Deadline in(Duration total) {
        return new Deadline(total);
    }

    /** Whether the run is out of time. */
    public boolean passed() {
        return System.nanoTime() >= endNanos;
    }

    /** {@code timeout}, or what is left of the run if that is less (never below one second). */
    public Duration clip(Duration timeout) {
        long left = Math.max(1_000_000_000L, endNanos - System.nanoTime());
        return timeout.toNanos() <= left ? timeout : Duration.ofNanos(left);
    }

    /** The run's length. */
    public Duration total() {
        return total;
    }
}
