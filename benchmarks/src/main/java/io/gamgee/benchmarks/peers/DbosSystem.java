package io.gamgee.benchmarks.peers;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Queue;
import dev.dbos.transact.workflow.Workflow;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import java.time.Duration;
import java.util.Optional;

/**
 * DBOS Transact Java: a workflow of three steps, started on a queue of concurrency 4. DBOS needs
 * PostgreSQL. Submitting with the workers stopped takes two DBOS instances: one that listens to no
 * queue enqueues, the one that listens runs.
 */
public final class DbosSystem implements SystemUnderTest {

    private static final Duration QUEUE_POLLING = Duration.ofMillis(20);
    private static final String QUEUE = "bench";

    @Override
    public String name() {
        return "DBOS Transact";
    }

    @Override
    public String key() {
        return "dbos";
    }

    @Override
    public String version() {
        return "DBOS Transact Java " + DBOS.version();
    }

    @Override
    public Optional<String> unsupported(Database database) {
        return database == Database.POSTGRESQL ? Optional.empty() : Optional.of("DBOS supports PostgreSQL only");
    }

    @Override
    public String settings(Database database) {
        return "workflow with 3 steps (runStep), queue concurrency 4, worker concurrency 4, queue polling "
                + QUEUE_POLLING.toMillis() + " ms (default 1 s), admin server off";
    }

    @Override
    public Engine open(Database.Fresh database, LastStepSignal signal) {
        return new DbosEngine(database, signal);
    }

    /** The workflow interface DBOS proxies. */
    public interface ThreeSteps {
        /** Runs steps a, b and c. */
        int run(int n);
    }

    /** Three no-op steps; the last signals. */
    public static final class ThreeStepsImpl implements ThreeSteps {
        private final DBOS dbos;
        private final LastStepSignal signal;

        ThreeStepsImpl(DBOS dbos, LastStepSignal signal) {
            this.dbos = dbos;
            this.signal = signal;
        }

        @Override
        @Workflow(name = "threeSteps")
        public int run(int n) {
            int a = dbos.runStep(() -> n + 1, "a");
            int b = dbos.runStep(() -> a + 1, "b");
            return dbos.runStep(() -> {
                signal.lastStepRan();
                return b + 1;
            }, "c");
        }
    }

    private static final class DbosEngine implements Engine {
        private final Database.Fresh database;
        private final LastStepSignal signal;
        private final HikariDataSource probe;
        private final Queue queue = new Queue(QUEUE).withConcurrency(4).withWorkerConcurrency(4)
                .withPollingInterval(QUEUE_POLLING);
        private DBOS dbos;
        private ThreeSteps workflows;

        DbosEngine(Database.Fresh database, LastStepSignal signal) {
            this.database = database;
            this.signal = signal;
            launch("not-" + QUEUE);
            this.probe = database.pool(2);
        }

        private void launch(String listenQueue) {
            DBOSConfig config = DBOSConfig.defaults("gamgee-bench")
                    .withDatabaseUrl(database.jdbcUrl())
                    .withDbUser(database.user())
                    .withDbPassword(database.password())
                    .withAdminServer(false)
                    .withListenQueue(listenQueue);
            DBOS instance = new DBOS(config);
            instance.registerQueue(queue);
            workflows = instance.registerProxy(ThreeSteps.class, new ThreeStepsImpl(instance, signal));
            instance.launch();
            dbos = instance;
        }

        @Override
        public String submit(int n) {
            String id = "wf-" + n;
            ThreeSteps proxy = workflows;
            dbos.startWorkflow(() -> proxy.run(n), new StartWorkflowOptions(queue).withWorkflowId(id));
            return id;
        }

        @Override
        public synchronized void startWorkers() {
            dbos.close();
            launch(QUEUE);
        }

        @Override
        public long completedCount() throws Exception {
            return Sql.count(probe, "SELECT COUNT(*) FROM dbos.workflow_status WHERE status = 'SUCCESS'");
        }

        @Override
        public boolean isCompleted(String handle) throws Exception {
            return Sql.count(probe, "SELECT COUNT(*) FROM dbos.workflow_status WHERE status = 'SUCCESS' "
                    + "AND workflow_uuid = ?", handle) == 1;
        }

        @Override
        public void close() {
            dbos.close();
            probe.close();
        }
    }
}
