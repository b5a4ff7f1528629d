package io.gamgee.benchmarks.gamgee;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.JpaStateStore;

/**
 * Gamgee as a user runs it: the diagram compiled by the Maven plugin, {@link JpaStateStore#h2} on
 * H2 and {@link JpaStateStore#create} over a HikariCP pool elsewhere, a {@link WorkerPool} of 4
 * threads with default settings.
 */
public final class GamgeeSystem implements SystemUnderTest {

    static final int POOL = 8;

    @Override
    public String name() {
        return Report.GAMGEE;
    }

    @Override
    public String key() {
        return "gamgee";
    }

    @Override
    public String version() {
        String version = WorkerPool.class.getPackage().getImplementationVersion();
        return "Gamgee " + (version == null ? "(reactor build)" : version);
    }

    @Override
    public String settings(Database database) {
        String store = database == Database.H2
                ? "JpaStateStore.builder().h2(dir).h2PoolSize(" + POOL + ")"
                : "JpaStateStore.builder().dataSource(Hikari pool " + POOL + ").createSchema(true)";
        return store + ", WorkerPool threads(4), other settings default (claim batch = threads, poll 500 ms, lease 30 s, OLDEST first)";
    }

    @Override
    public GamgeeEngine open(Database.Fresh database, LastStepSignal signal) throws Exception {
        HikariDataSource side;
        JpaStateStore store;
        if (database.database() == Database.H2) {
            store = JpaStateStore.builder().h2(database.directory()).h2PoolSize(POOL).build();
            // a second pool on the same embedded database, for the raw inserts of W3
            side = new Database.Fresh(Database.H2, database.name() + "_side",
                    "jdbc:h2:file:" + database.directory().toAbsolutePath().resolve("gamgee") + Database.H2_SETTINGS,
                    "sa", "", database.directory()).pool(2);
        } else {
            side = database.pool(POOL);
            store = JpaStateStore.builder().dataSource(side).createSchema(true).build();
        }
        try {
            // the store creates its tables on first use; W3 inserts behind its back right after
            store.count(Query.all(), null);
            return new GamgeeEngine(store, side, database.database(), new ThreeStepsWorkflow(signal));
        } catch (RuntimeException | Error e) {
            store.close();
            side.close();
            throw e;
        }
    }

    /** Gamgee on one fresh database; also what W3 and the claim probe need beyond {@link Engine}. */
    public static final class GamgeeEngine implements Engine {
        private final JpaStateStore store;
        private final HikariDataSource side;
        private final Database database;
        private final ThreeStepsWorkflow workflow;
        private final WorkflowRegistry registry;
        private final WorkflowClient client;
        private WorkerPool workers;

        GamgeeEngine(JpaStateStore store, HikariDataSource side, Database database, ThreeStepsWorkflow workflow) {
            this.store = store;
            this.side = side;
            this.database = database;
            this.workflow = workflow;
            this.registry = WorkflowRegistry.of(() -> workflow);
            // the client shares the registry with the pool, so a submit wakes (or hands over to) its idle threads
            this.client = WorkflowClient.create(store, registry);
        }

        @Override
        public String submit(int n) {
            return client.submit(ThreeStepsWorkflow.class, new APayload(n), "wf-" + n);
        }

        @Override
        public synchronized void startWorkers() {
            workers = WorkerPool.builder(registry, store).threads(4).build().start();
        }

        /** Stops the workers, leaving the store open. */
        public synchronized void stopWorkers() {
            if (workers != null) {
                workers.close();
                workers = null;
            }
        }

        @Override
        public long completedCount() {
            return store.count(Query.workflowType(workflow.workflowType()), InstanceStatus.COMPLETED);
        }

        @Override
        public boolean isCompleted(String handle) {
            return store.find(handle).map(WorkflowInstance::status).orElse(null) == InstanceStatus.COMPLETED;
        }

        /** The store. */
        public JpaStateStore store() {
            return store;
        }

        /** The workflow type. */
        public String workflowType() {
            return workflow.workflowType();
        }

        /** The diagram hash submissions carry. */
        public String diagramHash() {
            return workflow.definition().diagramHash();
        }

        /** A pool on the store's database for raw inserts. */
        public HikariDataSource dataSource() {
            return side;
        }

        /** The database. */
        public Database database() {
            return database;
        }

        @Override
        public void close() {
            stopWorkers();
            store.close();
            side.close();
        }
    }
}
