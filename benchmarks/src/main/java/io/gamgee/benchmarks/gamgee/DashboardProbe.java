package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dashboard's queries beside {@value #FINISHED} finished instances and {@value #LIVE} live
 * ones: the overview's {@code stateCounts}, and a state view's count and pages (oldest and newest
 * first) at a state with the live instances and at the state where the finished ones ended, with a
 * status filter and without, and a list of the type whatever the status. Median of
 * {@value #RUNS} runs each.
 */
public final class DashboardProbe {

    static final int FINISHED = 1_000_000;
    static final int LIVE = 1_000;
    private static final int RUNS = 21;

    public List<Measurement> run(Database database) throws Exception {
        try (GamgeeSystem.GamgeeEngine engine = new GamgeeSystem().open(database.fresh("gamgee_dash"),
                new LastStepSignal())) {
            String type = engine.workflowType();
            long start = System.nanoTime();
            GamgeeSchema.insertWaiting(engine.dataSource(), database, type, engine.diagramHash(), FINISHED,
                    Instant.parse("2100-01-01T00:00:00Z"), "done-", "c");
            try (Connection connection = engine.dataSource().getConnection();
                    PreparedStatement finish = connection.prepareStatement(
                            "UPDATE gamgee_instance SET status = 'COMPLETED', claimable_at = ?, updated_at = ?")) {
                GamgeeSchema.bind(finish, 1, Instant.now().minus(Duration.ofDays(2)), database);
                GamgeeSchema.bind(finish, 2, Instant.now().minus(Duration.ofDays(2)), database);
                finish.executeUpdate();
                connection.createStatement().execute(database == Database.POSTGRESQL
                        ? "VACUUM ANALYZE gamgee_instance" : "ANALYZE TABLE gamgee_instance");
            }
            for (int i = 0; i < LIVE; i++) {
                engine.submit(i);
            }
            Progress.log("dashboard probe on %s: %,d finished and %,d waiting instances in %.1f s", database.displayName(),
                    FINISHED, LIVE, (System.nanoTime() - start) / 1e9);
            JpaStateStore store = engine.store();
            Query live = Query.workflowType(type).step("a");
            Query finished = Query.workflowType(type).step("c");
            List<Measurement> result = new ArrayList<>();
            String note = String.format("%,d completed + %,d waiting instances of the type; median of %d", FINISHED,
                    LIVE, RUNS);
            result.add(time(database, "Dashboard overview (stateCounts)", note, () -> {
                Instant now = Instant.now();
                return store.stateCounts(type, now, now.minus(Duration.ofHours(1))).size();
            }));
            result.add(time(database, "State view: count, 1,000 waiting", "", () -> store.count(live, InstanceStatus.WAITING)));
            result.add(time(database, "State view: first page, 1,000 waiting", "",
                    () -> store.page(live, InstanceStatus.WAITING, false, 0, 50).size()));
            result.add(time(database, "State view: count, 1,000,000 completed", "",
                    () -> store.count(finished, InstanceStatus.COMPLETED)));
            result.add(time(database, "State view: first page, 1,000,000 completed", "",
                    () -> store.page(finished, InstanceStatus.COMPLETED, false, 0, 50).size()));
            result.add(time(database, "State view: newest page, 1,000,000 completed", "",
                    () -> store.page(finished, InstanceStatus.COMPLETED, true, 0, 50).size()));
            result.add(time(database, "State view, any status: count, 1,000 waiting", "",
                    () -> store.count(live, null)));
            result.add(time(database, "State view, any status: first page, 1,000 waiting", "",
                    () -> store.page(live, null, false, 0, 50).size()));
            result.add(time(database, "State view, any status: count, 1,000,000 completed", "",
                    () -> store.count(finished, null)));
            result.add(time(database, "State view, any status: first page, 1,000,000 completed", "",
                    () -> store.page(finished, null, false, 0, 50).size()));
            result.add(time(database, "State view, any status: newest page, 1,000,000 completed", "",
                    () -> store.page(finished, null, true, 0, 50).size()));
            result.add(time(database, "List of the type, any status: first page", "",
                    () -> store.list(Query.workflowType(type), null, 0, 50).size()));
            return result;
        }
    }

    private static Measurement time(Database database, String workload, String note, Supplier<Object> query) {
        long[] samples = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        double median = samples[RUNS / 2] / 1e6;
        Progress.log("  %s: %.2f ms", workload, median);
        return new Measurement(workload, Report.GAMGEE, database, "median ms", median, Kind.PLAIN, note);
    }
}
