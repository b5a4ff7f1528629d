package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Deadline;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Options;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Soak: {@code options.soakWorkflows()} three-step workflows through the embedded H2 store, as a
 * user runs it ({@link JpaStateStore#h2}, a {@link WorkerPool} of {@code options.threads()}), in ten
 * blocks submitted one by one while the workers run. Reports the size of {@code gamgee.mv.db}: the
 * largest while running, after the store closed, and after every workflow was purged, beside the
 * rows the file holds.
 */
public final class SoakWorkload {

    static final String WORKLOAD = "Soak (H2 file)";
    private static final int BLOCKS = 10;
    private static final int STEPS = 3;
    private static final long SAMPLE_MILLIS = 50;

    private final Options options;
    private final Deadline deadline;

    public SoakWorkload(Options options, Deadline deadline) {
        this.options = options;
        this.deadline = deadline;
    }

    public List<Measurement> run() throws Exception {
        Database.Fresh fresh = Database.H2.fresh("gamgee_soak");
        Path file = fresh.directory().resolve("gamgee.mv.db");
        int total = options.soakWorkflows();
        AtomicLong largest = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> largest.accumulateAndGet(size(file), Math::max), 0, SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
        List<String> series = new ArrayList<>();
        long done = 0;
        long instances;
        long historyRows;
        double seconds;
        long closeMillis;
        try {
            LastStepSignal signal = new LastStepSignal();
            ThreeStepsWorkflow workflow = new ThreeStepsWorkflow(signal);
            JpaStateStore store = JpaStateStore.builder().h2(fresh.directory()).h2PoolSize(GamgeeSystem.POOL).build();
            long start = System.nanoTime();
            try (WorkerPool workers = WorkerPool.builder(WorkflowRegistry.of(() -> workflow), store)
                    .threads(options.threads()).build().start()) {
                for (int block = 0; block < BLOCKS && !deadline.passed(); block++) {
                    long end = (long) total * (block + 1) / BLOCKS;
                    for (long n = done; n < end && !deadline.passed(); n++) {
                        workflow.submit(new APayload((int) n), store, "wf-" + n);
                    }
                    while (signal.count() < end && !deadline.passed()) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    done = signal.count();
                    long now = size(file);
                    series.add(String.format("%,d: %.1f", done, now / 1e6));
                    Progress.log("  %,d workflows: file %.1f MB, largest so far %.1f MB", done, now / 1e6,
                            largest.get() / 1e6);
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            instances = store.count(Query.workflowType(workflow.workflowType()), InstanceStatus.COMPLETED);
            historyRows = historyRows(fresh);
            long closing = System.nanoTime();
            store.close();
            closeMillis = (System.nanoTime() - closing) / 1_000_000;
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        long afterClose = size(file);
        Progress.log("  after close (%d ms): %.1f MB; %,d instances and %,d history rows kept", closeMillis,
                afterClose / 1e6, instances, historyRows);

        JpaStateStore reopened = JpaStateStore.builder().h2(fresh.directory()).build();
        int purged = reopened.purgeExpired(Instant.now().plus(Duration.ofDays(3650)));
        reopened.close();
        long afterPurge = size(file);
        Progress.log("  after purging %,d workflows and closing: %.1f MB", purged, afterPurge / 1e6);

        double per100k = 100_000.0 / Math.max(1, instances);
        String rows = String.format("%,d workflows: %,d instance rows + %,d history rows kept", instances, instances,
                historyRows);
        String note = String.format("%s; %s in %.0f s; file MB by workflows done: %s", rows, workflowsNote(done, total),
                seconds, String.join(", ", series));
        return List.of(
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "MB per 100,000 workflows, largest while running",
                        largest.get() / 1e6 * per100k, Kind.PLAIN, note),
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "MB per 100,000 workflows, after close",
                        afterClose / 1e6 * per100k, Kind.PLAIN, "close took " + closeMillis + " ms"),
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "bytes per row kept, largest while running",
                        largest.get() / (double) Math.max(1, instances + historyRows), Kind.PLAIN, ""),
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "bytes per row kept, after close",
                        afterClose / (double) Math.max(1, instances + historyRows), Kind.PLAIN, ""),
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "MB after purging every workflow and closing",
                        afterPurge / 1e6, Kind.PLAIN, String.format("%,d purged", purged)),
                new Measurement(WORKLOAD, Report.GAMGEE, Database.H2, "steps/s", done * STEPS / seconds, Kind.PLAIN,
                        "submits from one thread while the workers run"));
    }

    private static String workflowsNote(long done, int total) {
        return done < total ? String.format("STOPPED by the deadline at %,d of %,d", done, total)
                : String.format("%,d done", done);
    }

    /** Counts the history rows through a second connection to the store's open database. */
    private static long historyRows(Database.Fresh fresh) throws Exception {
        String url = "jdbc:h2:file:" + fresh.directory().toAbsolutePath().resolve("gamgee") + Database.H2_SETTINGS;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM gamgee_step_history")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
