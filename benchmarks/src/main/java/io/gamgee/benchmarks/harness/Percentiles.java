package io.gamgee.benchmarks.harness;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in nanoseconds. */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts a copy of the first {@code count} samples. */
    public static Percentiles of(long[] nanos, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    public double millis(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }

    /** How many samples there are. */
    public int count() {
        return sorted.length;
    }
}
