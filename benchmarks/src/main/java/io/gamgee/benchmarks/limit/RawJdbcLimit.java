package io.gamgee.benchmarks.limit;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.gamgee.GamgeeSchema;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.IdleGap;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Options;
import io.gamgee.benchmarks.harness.Percentiles;
import io.gamgee.benchmarks.harness.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit a step engine works against: single-row {@code UPDATE … WHERE id = ?}
 * transactions on Gamgee's own instance table (created by the store's shipped script), committed by as many threads as the
 * engines have workers, over a HikariCP pool of the same size. A step costs at least one such
 * commit, so commits/s bounds steps/s and 3 sequential commits bound a 3-step workflow's latency.
 *
 * <p>Beside it the batched ceiling: the same threads and pool, each transaction {@value #BATCH} such
 * updates of distinct rows sent as one JDBC batch and then committed, each thread on its own rows. Its
 * updated rows/s bound an engine that writes several steps' transitions in one commit.
 */
public final class RawJdbcLimit {

    /** The system name of the limit in the table. */
    public static final String SYSTEM = "raw JDBC (limit)";
    /** The workload under which the limit's rows appear. */
    public static final String COMMITS = "Limit: 1-row UPDATE commits";
    /** Updates per transaction of the batched limit. */
    public static final int BATCH = 16;
    /** The workload under which the batched limit's rows appear. */
    public static final String BATCHED = "Limit: 16 1-row UPDATEs per commit (batch)";
    /** The workload under which the 3-commit latency appears. */
    public static final String THREE_COMMITS = "Limit: 3 sequential commits";

    private static final int ROWS = 20_000;
    private static final String ID_PREFIX = "instance-";

    private final Options options;
    private final Database database;

    public RawJdbcLimit(Options options, Database database) {
        this.options = options;
        this.database = database;
    }

    /** Measures commits/s and the 3-commit latency on a fresh database. */
    public List<Measurement> measure() throws Exception {
        Database.Fresh fresh = database.fresh("limit");
        try (HikariDataSource pool = fresh.pool(options.threads())) {
            createTable(pool, database);
            double commitsPerSecond = commitsPerSecond(pool, 1);
            double batchesPerSecond = commitsPerSecond(pool, BATCH);
            Percentiles latency = threeCommitLatency(pool, null);
            String note = String.format("%d threads, pool %d, %d rows, %d s", options.threads(), options.threads(),
                    ROWS, options.limitDuration().toSeconds());
            Progress.log("  %,.0f commits/s; batched: %,.0f updated rows/s in %,.0f commits/s; 3 commits p50 %.2f ms",
                    commitsPerSecond, batchesPerSecond * BATCH, batchesPerSecond, latency.millis(50));
            List<Measurement> result = new ArrayList<>();
            result.add(new Measurement(COMMITS, SYSTEM, database, "commits/s", commitsPerSecond, Kind.THROUGHPUT, note));
            String batchNote = String.format("%d threads, pool %d, %d rows per commit as one JDBC batch, each thread its "
                    + "own rows, %d rows, %d s", options.threads(), options.threads(), BATCH, ROWS,
                    options.limitDuration().toSeconds());
            result.add(new Measurement(BATCHED, SYSTEM, database, "updated rows/s", batchesPerSecond * BATCH,
                    Kind.THROUGHPUT, batchNote));
            result.add(new Measurement(BATCHED, SYSTEM, database, "commits/s", batchesPerSecond, Kind.THROUGHPUT, ""));
            String latencyNote = "1 thread, n=" + latency.count();
            result.add(new Measurement(THREE_COMMITS, SYSTEM, database, "p50 ms", latency.millis(50), Kind.LATENCY, latencyNote));
            result.add(new Measurement(THREE_COMMITS, SYSTEM, database, "p95 ms", latency.millis(95), Kind.LATENCY, ""));
            result.add(new Measurement(THREE_COMMITS, SYSTEM, database, "p99 ms", latency.millis(99), Kind.LATENCY, ""));
            IdleGap gap = options.w2Gap();
            if (gap != null) {
                Percentiles gapped = threeCommitLatency(pool, gap);
                String workload = THREE_COMMITS + ", " + gap.label();
                Progress.log("  3 commits with %s: p50 %.2f ms", gap.label(), gapped.millis(50));
                result.add(new Measurement(workload, SYSTEM, database, "p50 ms", gapped.millis(50), Kind.LATENCY,
                        "1 thread, n=" + gapped.count()));
                result.add(new Measurement(workload, SYSTEM, database, "p95 ms", gapped.millis(95), Kind.LATENCY, ""));
                result.add(new Measurement(workload, SYSTEM, database, "p99 ms", gapped.millis(99), Kind.LATENCY, ""));
            }
            return result;
        }
    }

    private static void createTable(HikariDataSource pool, Database database) throws Exception {
        GamgeeSchema.create(pool, database);
        GamgeeSchema.insertWaiting(pool, database, "ThreeStepsWorkflow", "hash", ROWS, Instant.now(), ID_PREFIX);
    }

    /**
     * Commits/s of all threads together, each committing {@code rowsPerCommit} updates of its own rows
     * per transaction (one row: a plain update; more: one JDBC batch).
     */
    private double commitsPerSecond(HikariDataSource pool, int rowsPerCommit) throws Exception {
        int threads = options.threads();
        int rowsPerThread = ROWS / threads;
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try (Connection connection = pool.getConnection(); PreparedStatement update = prepare(connection)) {
                    // thread t owns rows t, t + threads, t + 2 threads, …: no two threads ever wait for each other
                    int[] rows = new int[rowsPerCommit];
                    for (int next = 0; !stop.get(); ) {
                        for (int i = 0; i < rowsPerCommit; i++) {
                            rows[i] = first + threads * next;
                            next = (next + 1) % rowsPerThread;
                        }
                        if (rowsPerCommit == 1) {
                            commitOne(connection, update, rows[0]);
                        } else {
                            commitBatch(connection, update, rows);
                        }
                        if (measuring.get()) {
                            commits.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "limit-" + t);
            thread.start();
        }
        Thread.sleep(1000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(options.limitDuration().toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        done.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a commit thread failed", failures.get(0));
        }
        return commits.get() / seconds;
    }

    /** 3 sequential commits on one connection, after {@code gap} of idle time each if not {@code null}. */
    private Percentiles threeCommitLatency(HikariDataSource pool, IdleGap gap) throws SQLException {
        long[] samples = new long[options.latencyRuns()];
        SplittableRandom random = new SplittableRandom(42);
        try (Connection connection = pool.getConnection(); PreparedStatement update = prepare(connection)) {
            for (int warmUp = 0; warmUp < 50; warmUp++) {
                commitOne(connection, update, warmUp);
            }
            for (int i = 0; i < samples.length; i++) {
                if (gap != null) {
                    gap.pause(random);
                }
                int row = (i * 7) % ROWS;
                long start = System.nanoTime();
                commitOne(connection, update, row);
                commitOne(connection, update, row);
                commitOne(connection, update, row);
                samples[i] = System.nanoTime() - start;
            }
        }
        return Percentiles.of(samples, samples.length);
    }

    private static PreparedStatement prepare(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        // what a step's transition writes, minus the version guard and the history row
        return connection.prepareStatement("UPDATE gamgee_instance SET step = ?, payload = ?, attempts = 0, "
                + "run_after = ?, claimable_at = ?, lease_owner = NULL, lease_until = NULL, version = version + 1, "
                + "updated_at = ? WHERE instance_id = ?");
    }

    private void commitOne(Connection connection, PreparedStatement update, int row) throws SQLException {
        bind(update, row, Instant.now());
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("row " + id(row) + " is missing");
        }
        connection.commit();
    }

    /** One transaction: an update of each row, sent as one batch, then the commit. */
    private void commitBatch(Connection connection, PreparedStatement update, int[] rows) throws SQLException {
        Instant now = Instant.now();
        for (int row : rows) {
            bind(update, row, now);
            update.addBatch();
        }
        int[] counts = update.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            // a driver that sends the batch in bulk may not say how many rows each update changed
            if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("row " + id(rows[i]) + " is missing (update count " + counts[i] + ")");
            }
        }
        connection.commit();
    }

    private void bind(PreparedStatement update, int row, Instant now) throws SQLException {
        update.setString(1, "b");
        update.setString(2, "{\"n\":" + row + "}");
        GamgeeSchema.bind(update, 3, now, database);
        GamgeeSchema.bind(update, 4, now, database);
        GamgeeSchema.bind(update, 5, now, database);
        update.setString(6, id(row));
    }

    private static String id(int row) {
        return ID_PREFIX + row;
    }
}
