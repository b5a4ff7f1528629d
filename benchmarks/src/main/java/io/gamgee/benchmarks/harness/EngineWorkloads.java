package io.gamgee.benchmarks.harness;

import io.gamgee.benchmarks.harness.Measurement.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** W1/W3 (throughput of a submitted backlog) and W2 (one workflow at a time) on any {@link Engine}. */
public final class EngineWorkloads {

    private static final int STEPS = 3;
    private static final int WARM_UP_RUNS = 20;

    private final Options options;
    private final Deadline deadline;

    public EngineWorkloads(Options options, Deadline deadline) {
        this.options = options;
        this.deadline = deadline;
    }

    /**
     * Submits {@code options.workflows()} workflows with the workers stopped, then starts them and
     * times until the system has durably completed all of them.
     */
    public List<Measurement> throughput(String workload, String system, Database database, Engine engine,
            LastStepSignal signal, String note) throws Exception {
        Duration timeout = deadline.clip(options.runTimeout());
        long submitStart = System.nanoTime();
        int workflows = submitInParallel(engine, options.workflows(), submitStart + timeout.toNanos());
        double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
        Progress.log("  submitted %,d in %.1f s; running", workflows, submitSeconds);
        if (workflows < options.workflows()) {
            note = (note.isEmpty() ? "" : note + "; ") + String.format("submitting stopped at %,d of %,d after %d s",
                    workflows, options.workflows(), timeout.toSeconds());
        }

        // counted from here: the submits above are not part of a step's cost
        engine.jdbcCounter().ifPresent(JdbcCounter::reset);
        long start = System.nanoTime();
        long end = start + deadline.clip(options.runTimeout()).toNanos();
        engine.startWorkers();
        while (signal.count() < workflows && System.nanoTime() < end) {
            LockSupport.parkNanos(1_000_000);
        }
        long completed = engine.completedCount();
        while (completed < workflows && System.nanoTime() < end) {
            LockSupport.parkNanos(2_000_000);
            completed = engine.completedCount();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long commits = engine.jdbcCounter().map(JdbcCounter::commits).orElse(0L);
        long roundTrips = engine.jdbcCounter().map(JdbcCounter::roundTrips).orElse(0L);
        String runNote = String.format("%,d workflows in %.1f s (submit %.1f s)%s", completed, seconds, submitSeconds,
                completed < workflows ? String.format("; TIMED OUT with %,d of %,d done", completed, workflows) : "");
        runNote = note.isEmpty() ? runNote : note + "; " + runNote;
        Progress.log("  %s", runNote);
        List<Measurement> result = new ArrayList<>(List.of(
                new Measurement(workload, system, database, "steps/s", completed * STEPS / seconds, Kind.THROUGHPUT, runNote),
                new Measurement(workload, system, database, "workflows/s", completed / seconds, Kind.THROUGHPUT, "")));
        if (engine.jdbcCounter().isPresent() && completed > 0) {
            long steps = completed * STEPS;
            Progress.log("  %,d commits, %,d round trips: %.3f and %.3f per step", commits, roundTrips,
                    (double) commits / steps, (double) roundTrips / steps);
            result.add(new Measurement(workload, system, database, "commits/step", (double) commits / steps, Kind.PLAIN,
                    String.format("%,d commits over %,d steps, counted on the store's connections while the workers ran",
                            commits, steps)));
            result.add(new Measurement(workload, system, database, "round trips/step", (double) roundTrips / steps,
                    Kind.PLAIN, String.format("%,d round trips", roundTrips)));
        }
        return result;
    }

    /**
     * Starts the workers, lets them go idle, then submits one workflow at a time and times submit →
     * durably completed, {@code options.latencyRuns()} times or until the latency budget is spent;
     * then again with {@code options.w2Gap()} of idle time before each workflow, if set.
     */
    public List<Measurement> latency(String system, Database database, Engine engine, LastStepSignal signal)
            throws Exception {
        engine.startWorkers();
        Duration perRun = deadline.clip(options.runTimeout());
        // slow pollers (seconds per run) get at most a quarter of the budget to warm up
        long warmUpEnd = System.nanoTime() + options.latencyBudget().toNanos() / 4;
        for (int i = 0; i < WARM_UP_RUNS && System.nanoTime() < warmUpEnd; i++) {
            runOne(engine, signal, -1 - i, perRun);
        }
        Thread.sleep(200);
        List<Measurement> result = new ArrayList<>(
                measureLatency("W2 latency", system, database, engine, signal, perRun, null, 0));
        if (options.w2Gap() != null && !deadline.passed()) {
            Progress.log("  again with %s", options.w2Gap().label());
            result.addAll(measureLatency(options.w2Gap().latencyWorkload(), system, database, engine, signal, perRun,
                    options.w2Gap(), 1_000_000));
        }
        return result;
    }

    private List<Measurement> measureLatency(String workload, String system, Database database, Engine engine,
            LastStepSignal signal, Duration perRun, IdleGap gap, int firstId) throws Exception {
        long[] samples = new long[options.latencyRuns()];
        int count = 0;
        SplittableRandom random = new SplittableRandom(42);
        long budgetEnd = System.nanoTime() + deadline.clip(options.latencyBudget()).toNanos();
        while (count < samples.length && System.nanoTime() < budgetEnd) {
            if (gap != null) {
                gap.pause(random);
            }
            long sample = runOne(engine, signal, firstId + count, perRun);
            if (sample < 0) {
                break;
            }
            samples[count++] = sample;
        }
        if (count == 0) {
            return List.of(Measurement.missing(workload, system, database, "no workflow completed within "
                    + perRun.toSeconds() + " s"));
        }
        Percentiles p = Percentiles.of(samples, count);
        String note = "n=" + count + (count < samples.length ? " (latency budget " + options.latencyBudget().toSeconds()
                + " s spent)" : "");
        Progress.log("  p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %s", p.millis(50), p.millis(95), p.millis(99), note);
        return List.of(
                new Measurement(workload, system, database, "p50 ms", p.millis(50), Kind.LATENCY, note),
                new Measurement(workload, system, database, "p95 ms", p.millis(95), Kind.LATENCY, ""),
                new Measurement(workload, system, database, "p99 ms", p.millis(99), Kind.LATENCY, ""));
    }

    private static long runOne(Engine engine, LastStepSignal signal, int n, Duration timeout) throws Exception {
        signal.drain();
        long start = System.nanoTime();
        String handle = engine.submit(n);
        if (!signal.await(timeout)) {
            return -1;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!engine.isCompleted(handle)) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            LockSupport.parkNanos(100_000);
        }
        return System.nanoTime() - start;
    }

    /** Submits workflows 0, 1, … from several threads until {@code workflows} or the deadline; returns how many. */
    private int submitInParallel(Engine engine, int workflows, long deadline) throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(options.threads());
        try {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger submitted = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                futures.add(submitters.submit(() -> {
                    for (int n = next.getAndIncrement(); n < workflows && System.nanoTime() < deadline;
                            n = next.getAndIncrement()) {
                        engine.submit(n);
                        submitted.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return submitted.get();
        } finally {
            submitters.shutdownNow();
            submitters.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
