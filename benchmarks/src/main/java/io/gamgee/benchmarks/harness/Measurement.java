package io.gamgee.benchmarks.harness;

import java.util.Objects;

/**
 * One number the run produced.
 *
 * @param workload e.g. {@code W1 throughput}
 * @param system e.g. {@code Gamgee}, {@code Flowable 7.2.0}, {@code raw JDBC (limit)}
 * @param database where it ran
 * @param metric what was measured, e.g. {@code steps/s}, {@code p50 ms}
 * @param value the number ({@code NaN} when the system could not run, see {@code note})
 * @param kind whether more is better, for the ratios
 * @param note sample size, settings that matter, or why the value is missing
 */
public record Measurement(String workload, String system, Database database, String metric, double value,
        Kind kind, String note) {

    /** Throughputs are compared with the limit's commits/s; latencies with its 3-commit latency. */
    public enum Kind {
        THROUGHPUT,
        LATENCY,
        /** Compared with nothing (compiler time, claim latency). */
        PLAIN
    }

    public Measurement {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
    }

    /** A system that could not run a workload here, with the reason. */
    public static Measurement missing(String workload, String system, Database database, String reason) {
        return new Measurement(workload, system, database, "—", Double.NaN, Kind.PLAIN, reason);
    }

    /** Whether the value is a number. */
    public boolean present() {
        return !Double.isNaN(value);
    }
}
