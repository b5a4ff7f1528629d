package io.gamgee.benchmarks.harness;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A random idle pause of {@code minMillis}–{@code maxMillis} between W2's workflows (and between the
 * limit's 3-commit samples), so that workers, the connection pool and the database go idle before
 * each submit, as they do in a service that is not under load.
 */
public record IdleGap(int minMillis, int maxMillis) {

    public IdleGap {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("--w2-gap-ms wants <min>-<max> milliseconds, 0 ≤ min ≤ max; was "
                    + minMillis + "-" + maxMillis);
        }
    }

    /** Parses {@code 0-20} or {@code 5} (milliseconds). */
    public static IdleGap parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 1) {
                int millis = Integer.parseInt(parts[0].trim());
                return new IdleGap(millis, millis);
            }
            if (parts.length == 2) {
                return new IdleGap(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--w2-gap-ms wants <min>-<max> milliseconds (e.g. 0-20), not " + text);
    }

    /** How the workload names carry the gap, e.g. {@code 0–20 ms idle gaps}. */
    public String label() {
        return (minMillis == maxMillis ? minMillis : minMillis + "–" + maxMillis) + " ms idle gaps";
    }

    /** W2's workload name with this gap. */
    public String latencyWorkload() {
        return "W2 latency, " + label();
    }

    /** Sleeps a random gap, drawn uniformly in whole microseconds. */
    public void pause(SplittableRandom random) {
        long micros = random.nextLong(minMillis * 1000L, maxMillis * 1000L + 1);
        long end = System.nanoTime() + micros * 1000L;
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
