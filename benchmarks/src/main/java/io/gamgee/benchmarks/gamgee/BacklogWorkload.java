package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.EngineWorkloads;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Options;
import io.gamgee.benchmarks.harness.Percentiles;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * W3 and the claim probe: Gamgee with a backlog of waiting instances that are not due (run after
 * 2100) in its table. W3 runs W1 beside the backlog; the probe then times single claims by one
 * thread, since the store promises that a claim's cost does not grow with the backlog.
 */
public final class BacklogWorkload {

    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final int CLAIMS = 1_000;

    private final Options options;
    private final EngineWorkloads engineWorkloads;

    public BacklogWorkload(Options options, EngineWorkloads engineWorkloads) {
        this.options = options;
        this.engineWorkloads = engineWorkloads;
    }

    /** Runs W3 and/or the probe, as selected, for every backlog size. */
    public List<Measurement> run(Database database) throws Exception {
        List<Measurement> result = new ArrayList<>();
        for (int backlog : options.backlogs()) {
            LastStepSignal signal = new LastStepSignal();
            Database.Fresh fresh = database.fresh("gamgee_w3_" + backlog);
            try (GamgeeSystem.GamgeeEngine engine = new GamgeeSystem().open(fresh, signal)) {
                long start = System.nanoTime();
                GamgeeSchema.insertWaiting(engine.dataSource(), database, engine.workflowType(), engine.diagramHash(),
                        backlog, FAR_FUTURE, "backlog-");
                String inserted = String.format("%,d backlog rows inserted in %.1f s", backlog,
                        (System.nanoTime() - start) / 1e9);
                Progress.log("W3: Gamgee on %s, %s", database.displayName(), inserted);
                String workload = String.format("W3 backlog %,d", backlog);
                if (options.runs("w3")) {
                    result.addAll(engineWorkloads.throughput(workload, Report.GAMGEE, database, engine, signal, inserted));
                    engine.stopWorkers();
                }
                if (options.runs("claim")) {
                    result.addAll(claimLatency(engine, database, backlog));
                }
            }
        }
        return result;
    }

    private static List<Measurement> claimLatency(GamgeeSystem.GamgeeEngine engine, Database database, int backlog)
            throws Exception {
        for (int i = 0; i < CLAIMS + 100; i++) {
            engine.submit(1_000_000_000 + i);
        }
        Query query = Query.workflowType(engine.workflowType());
        long[] samples = new long[CLAIMS];
        for (int i = 0; i < 100; i++) {
            claimOne(engine, query);
        }
        for (int i = 0; i < CLAIMS; i++) {
            long start = System.nanoTime();
            Optional<Claim> claim = claimOne(engine, query);
            samples[i] = System.nanoTime() - start;
            if (claim.isEmpty()) {
                throw new IllegalStateException("claim " + i + " found nothing due");
            }
        }
        Percentiles p = Percentiles.of(samples, CLAIMS);
        Progress.log("  claim with %,d waiting: p50 %.3f ms, p99 %.3f ms", backlog, p.millis(50), p.millis(99));
        String workload = String.format("Claim, %,d not-due rows", backlog);
        String note = "1 thread, OLDEST, n=" + CLAIMS + " (plus the completed W3 rows when W3 ran)";
        return List.of(
                new Measurement(workload, Report.GAMGEE, database, "p50 ms", p.millis(50), Kind.PLAIN, note),
                new Measurement(workload, Report.GAMGEE, database, "p99 ms", p.millis(99), Kind.PLAIN, ""));
    }

    private static Optional<Claim> claimOne(GamgeeSystem.GamgeeEngine engine, Query query) {
        Instant now = Instant.now();
        return engine.store().claim(query, FetchStrategy.OLDEST, "claim-probe", now, now.plus(Duration.ofMinutes(5)));
    }
}
