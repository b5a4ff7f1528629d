package io.gamgee.benchmarks.peers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * db-scheduler: three one-time tasks chained the way its job-chaining example does it, each
 * completion atomically replacing the execution with the next task ({@code OnCompleteReplace}), so
 * a step is one fetch plus one update, like Gamgee's.
 */
public final class DbSchedulerSystem implements SystemUnderTest {

    static final int POOL = 8;
    private static final Duration POLLING_INTERVAL = Duration.ofMillis(100);

    @Override
    public String name() {
        return "db-scheduler";
    }

    @Override
    public String key() {
        return "db-scheduler";
    }

    @Override
    public String version() {
        return "db-scheduler " + Versions.of(Scheduler.class);
    }

    @Override
    public Optional<String> unsupported(Database database) {
        return database == Database.MARIADB ? Optional.of("peers run on H2 and PostgreSQL only") : Optional.empty();
    }

    @Override
    public String settings(Database database) {
        String polling = database == Database.POSTGRESQL
                ? "pollUsingLockAndFetch(0.5, 1.0) (SELECT … FOR UPDATE SKIP LOCKED)"
                : "pollUsingFetchAndLockOnExecute(0.5, 3.0) (db-scheduler has no lock-and-fetch for H2)";
        return "threads(4), " + polling + ", pollingInterval " + POLLING_INTERVAL.toMillis()
                + " ms, enableImmediateExecution(), OnCompleteReplace chaining, Hikari pool " + POOL;
    }

    @Override
    public Engine open(Database.Fresh database, LastStepSignal signal) throws Exception {
        HikariDataSource pool = database.pool(POOL);
        try {
            createTable(pool, database.database());
            CustomTask<Integer> c = Tasks.custom("c", Integer.class).execute((instance, context) -> {
                signal.lastStepRan();
                return new CompletionHandler.OnCompleteRemove<>();
            });
            CustomTask<Integer> b = Tasks.custom("b", Integer.class)
                    .execute((instance, context) -> new CompletionHandler.OnCompleteReplace<>("c", instance.getData()));
            CustomTask<Integer> a = Tasks.custom("a", Integer.class)
                    .execute((instance, context) -> new CompletionHandler.OnCompleteReplace<>("b", instance.getData()));
            var builder = Scheduler.create(pool, a, b, c)
                    .threads(4)
                    .pollingInterval(POLLING_INTERVAL)
                    .enableImmediateExecution();
            if (database.database() == Database.POSTGRESQL) {
                builder.pollUsingLockAndFetch(0.5, 1.0);
            } else {
                builder.pollUsingFetchAndLockOnExecute(0.5, 3.0);
            }
            return new DbSchedulerEngine(builder.build(), a, pool);
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
    }

    private static void createTable(HikariDataSource pool, Database database) throws Exception {
        // the DDL db-scheduler ships for PostgreSQL, with H2's names for the same types
        boolean pg = database == Database.POSTGRESQL;
        String text = pg ? "TEXT" : "VARCHAR(250)";
        String bytes = pg ? "BYTEA" : "BLOB";
        Sql.execute(pool, "CREATE TABLE scheduled_tasks (task_name " + text + " NOT NULL, task_instance " + text
                        + " NOT NULL, task_data " + bytes + ", execution_time TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "picked BOOLEAN NOT NULL, picked_by " + text + ", last_success TIMESTAMP WITH TIME ZONE, "
                        + "last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT, "
                        + "last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT, "
                        + "PRIMARY KEY (task_name, task_instance))",
                "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
                "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
                "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
    }

    private static final class DbSchedulerEngine implements Engine {
        private final Scheduler scheduler;
        private final CustomTask<Integer> first;
        private final HikariDataSource pool;
        private final AtomicLong submitted = new AtomicLong();

        DbSchedulerEngine(Scheduler scheduler, CustomTask<Integer> first, HikariDataSource pool) {
            this.scheduler = scheduler;
            this.first = first;
            this.pool = pool;
        }

        @Override
        public String submit(int n) {
            String id = "wf-" + n;
            scheduler.schedule(first.instance(id, n), Instant.now());
            submitted.incrementAndGet();
            return id;
        }

        @Override
        public void startWorkers() {
            scheduler.start();
        }

        @Override
        public long completedCount() throws Exception {
            // a workflow has exactly one execution row until its last task removes it
            return submitted.get() - Sql.count(pool, "SELECT COUNT(*) FROM scheduled_tasks");
        }

        @Override
        public boolean isCompleted(String handle) throws Exception {
            return Sql.count(pool, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?", handle) == 0;
        }

        @Override
        public void close() {
            scheduler.stop();
            pool.close();
        }
    }
}
