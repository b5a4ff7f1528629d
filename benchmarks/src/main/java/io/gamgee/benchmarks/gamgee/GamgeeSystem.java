package io.gamgee.benchmarks.gamgee;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.JdbcCounter;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gamgee as a user runs it: the diagram compiled by the Maven plugin, {@link JpaStateStore#h2} on
 * H2 and {@link JpaStateStore#create} over a HikariCP pool elsewhere, a {@link WorkerPool} of 4
 * threads with default settings. {@link #openCounted Counted} (W1), the store's data source is
 * wrapped by a {@link JdbcCounter}; on H2 that data source is a pool built as the embedded store
 * builds its own.
 */
public final class GamgeeSystem implements SystemUnderTest {

    /** Worker threads: 4 like every system, or {@code -Dgamgee.bench.threads=n} for a look at more. */
    static final int THREADS = Integer.getInteger("gamgee.bench.threads", 4);
    static final int POOL = Math.max(8, THREADS + 4);
    /**
     * The URL settings of the embedded store's H2 file ({@code EmbeddedH2.SETTINGS} in
     * gamgee-jpa-store, which is not public): keep the two the same.
     */
    static final String EMBEDDED_H2_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=1000;DEFRAG_ALWAYS=TRUE;DB_CLOSE_ON_EXIT=FALSE";

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
        String counted = database == Database.H2
                ? "; in W1 the same H2 URL and pool (Hikari, " + POOL + " connections, minimum idle 1) built by the harness and "
                        + "given by JpaStateStore.builder().dataSource(..).createSchema(true), so that its JDBC calls can be counted"
                : "; in W1 the pool is wrapped to count its JDBC calls";
        return store + ", WorkerPool threads(" + THREADS + "), other settings default (claim batch = threads, poll 500 ms, lease 30 s, "
                + "OLDEST first)" + counted;
    }

    @Override
    public GamgeeEngine open(Database.Fresh database, LastStepSignal signal) throws Exception {
        return open(database, signal, null);
    }

    @Override
    public GamgeeEngine openCounted(Database.Fresh database, LastStepSignal signal) throws Exception {
        return open(database, signal, new JdbcCounter(database.database() == Database.POSTGRESQL));
    }

    /** Opens Gamgee; with {@code counter}, its store's data source wrapped by it. */
    private GamgeeEngine open(Database.Fresh database, LastStepSignal signal, JdbcCounter counter) throws Exception {
        HikariDataSource side;
        HikariDataSource embedded = null;
        JpaStateStore store;
        if (database.database() == Database.H2 && counter != null) {
            embedded = embeddedH2Pool(database.directory());
            store = commits(JpaStateStore.builder().dataSource(counter.wrap(embedded)).createSchema(true)).build();
            side = h2SidePool(database);
        } else if (database.database() == Database.H2) {
            store = commits(JpaStateStore.builder().h2(database.directory()).h2PoolSize(POOL)).build();
            side = h2SidePool(database);
        } else {
            side = database.pool(POOL);
            store = commits(JpaStateStore.builder().dataSource(counter == null ? side : counter.wrap(side)).createSchema(true))
                    .build();
        }
        try {
            // the store creates its tables on first use; W3 inserts behind its back right after
            store.count(Query.all(), null);
            return new GamgeeEngine(store, side, embedded, database.database(), new ThreeStepsWorkflow(signal), counter);
        } catch (RuntimeException | Error e) {
            store.close();
            side.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** A second pool on the same embedded database, for the raw inserts of W3. */
    private static HikariDataSource h2SidePool(Database.Fresh database) {
        return new Database.Fresh(Database.H2, database.name() + "_side",
                "jdbc:h2:file:" + database.directory().toAbsolutePath().resolve("gamgee") + Database.H2_SETTINGS,
                "sa", "", database.directory()).pool(2);
    }

    /**
     * The database's default group commit, or {@code -Dgamgee.bench.concurrent-commits=n}
     * ({@link JpaStateStore.Builder#concurrentCommits(int)}) for a look at another setting.
     */
    private static JpaStateStore.Builder commits(JpaStateStore.Builder builder) {
        Integer commits = Integer.getInteger("gamgee.bench.concurrent-commits");
        return commits == null ? builder : builder.concurrentCommits(commits);
    }

    /** The pool {@code JpaStateStore.builder().h2(dir).h2PoolSize(POOL)} builds for itself. */
    private static HikariDataSource embeddedH2Pool(Path dir) throws IOException {
        Path directory = dir.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("gamgee") + EMBEDDED_H2_SETTINGS);
        config.setUsername("sa");
        config.setPassword("");
        config.setPoolName("gamgee-h2");
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Gamgee on one fresh database; also what W3 and the claim probe need beyond {@link Engine}. */
    public static final class GamgeeEngine implements Engine {
        private final JpaStateStore store;
        private final HikariDataSource side;
        /** The store's pool on H2 when the harness built it (counted), closed after the store; else {@code null}. */
        private final HikariDataSource embedded;
        private final Database database;
        private final ThreeStepsWorkflow workflow;
        private final JdbcCounter counter;
        private final WorkflowRegistry registry;
        private final WorkflowClient client;
        private WorkerPool workers;

        GamgeeEngine(JpaStateStore store, HikariDataSource side, HikariDataSource embedded, Database database,
                ThreeStepsWorkflow workflow, JdbcCounter counter) {
            this.store = store;
            this.side = side;
            this.embedded = embedded;
            this.database = database;
            this.workflow = workflow;
            this.counter = counter;
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
            workers = WorkerPool.builder(registry, store).threads(THREADS).build().start();
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
        public Optional<JdbcCounter> jdbcCounter() {
            return Optional.ofNullable(counter);
        }

        @Override
        public void close() {
            stopWorkers();
            store.close();
            side.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
