package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.Delivery;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.entity.EventEntity;
import io.gamgee.jpa.entity.InstanceEntity;
import io.gamgee.jpa.entity.StepHistoryEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * A {@link StateStore} on a relational database: H2 embedded for one node, PostgreSQL or MariaDB
 * when many nodes share the work.
 *
 * <pre>{@code
 * StateStore store = JpaStateStore.h2(Path.of("gamgee-data"));   // embedded, zero configuration
 * StateStore store = JpaStateStore.create(dataSource);           // PostgreSQL, MariaDB, H2 server
 * StateStore store = JpaStateStore.create(entityManagerFactory); // share an application's Hibernate unit
 * }</pre>
 *
 * <p>The tables are those of {@link #entityClasses()} (see {@code SCHEMA.md}); the store creates them
 * on first use when {@link Builder#createSchema(boolean) told to} (the default for {@link #h2(Path)}
 * only), from the shipped scripts under {@code io/gamgee/jpa/schema/}, never through Hibernate's
 * schema generation. Steps and claims go through plain JDBC on the pool behind the data source or
 * persistence unit: each is a single guarded statement or a short transaction, without a persistence
 * context to flush.
 *
 * <p>Finished instances are kept for {@link Builder#retention(java.time.Duration) a retention period}
 * and then deleted in batches by a background task (see {@link Builder#purgeInterval}).
 */
public final class JpaStateStore implements StateStore {

    private final Jdbc jdbc;
    private final Inserts inserts;
    private final Claims claims;
    private final Leases leases;
    private final Transitions transitions;
    private final Forks forks;
    private final Waits waits;
    private final Queries queries;
    private final Administration administration;
    private final Retention retention;

    JpaStateStore(Jdbc jdbc, Retention.Settings retention) {
        this.jdbc = jdbc;
        this.inserts = new Inserts(jdbc);
        this.claims = new Claims(jdbc);
        this.leases = new Leases(jdbc);
        this.transitions = new Transitions(jdbc);
        this.forks = new Forks(jdbc);
        this.waits = new Waits(jdbc);
        this.queries = new Queries(jdbc);
        this.administration = new Administration(jdbc);
        this.retention = new Retention(this, retention);
    }

    /**
     * An embedded H2 file database at {@code dir/gamgee}, created (with its tables) on first use.
     * One JVM at a time may open it.
     */
    public static JpaStateStore h2(Path dir) {
        return builder().h2(dir).build();
    }

    /**
     * A store on an application's data source (PostgreSQL, MariaDB, H2); the dialect is detected on
     * first use and the schema is expected to exist (see {@link Builder#createSchema(boolean)}).
     * {@link #close()} leaves the data source open.
     */
    public static JpaStateStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /**
     * A store that uses the connection pool of an application's Hibernate ORM persistence unit (for
     * example Quarkus' default unit). Add {@link #entityClasses()} to the unit so that the
     * application can query instances and history as entities. {@link #close()} leaves the unit open.
     */
    public static JpaStateStore create(EntityManagerFactory entityManagerFactory) {
        return builder().entityManagerFactory(entityManagerFactory).build();
    }

    /** Starts a store with options: schema creation, dialect, retention. */
    public static Builder builder() {
        return new Builder();
    }

    /** The entity classes mapping the store's tables, to list in a persistence unit. */
    public static List<Class<?>> entityClasses() {
        return List.of(InstanceEntity.class, StepHistoryEntity.class, EventEntity.class);
    }

    /**
     * This store inside a transaction you own: submits and sends through the returned view
     * ({@code client.joining(store.joining(connection))}) insert on {@code connection} and commit or
     * roll back with your own writes; the view never commits, rolls back or closes the connection.
     * Everything but inserting instances and delivering events goes to this store.
     */
    public StateStore joining(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new TransactionBoundStore(this, jdbc, CallerConnection.of(connection));
    }

    /**
     * This store inside the current transaction of a Hibernate ORM {@code EntityManager}: submits
     * and sends through the returned view write on the transaction's connection, so they commit with
     * {@code em.persist(..)} and roll back with it. Needs Hibernate ORM.
     *
     * @throws IllegalArgumentException when Hibernate ORM is not on the class path
     */
    public StateStore joining(EntityManager entityManager) {
        Objects.requireNonNull(entityManager, "entityManager");
        return new TransactionBoundStore(this, jdbc, EntityManagerConnection.of(entityManager));
    }

    @Override
    public boolean insert(NewInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return inserts.insert("insert", instance, null, null);
    }

    @Override
    public Optional<Claim> insertClaimed(NewInstance instance, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (!inserts.insert("insertClaimed", instance, workerId, leaseUntil)) {
            return Optional.empty();
        }
        Instant until = Vendor.stored(leaseUntil);
        return Optional.of(new Claim(Inserts.stored(instance).toInstance(workerId, until), workerId, until));
    }

    @Override
    public Optional<Claim> claim(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil) {
        List<Claim> claimed = claimBatch(query, strategy, workerId, now, leaseUntil, 1);
        return claimed.isEmpty() ? Optional.empty() : Optional.of(claimed.get(0));
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL one statement picks, locks and leases the batch; on MariaDB one transaction
     * does; on H2 one query reads the candidates and each is leased by compare-and-set.
     */
    @Override
    public List<Claim> claimBatch(Query query, FetchStrategy strategy, String workerId, Instant now,
            Instant leaseUntil, int max) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return claims.claim(new ClaimRequest(query, strategy, workerId, now, leaseUntil, max));
    }

    /** Compacts the embedded H2 file now, for tests; {@code false} for other stores. */
    boolean compactEmbeddedFile() {
        return jdbc.compactEmbeddedFile();
    }

    /** Where the store writes its transitions, for tests. */
    GroupCommit groupCommit() {
        return jdbc.groupCommit();
    }

    @Override
    public Optional<Claim> renewLease(Claim claim, Instant leaseUntil) {
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return leases.renew(claim, leaseUntil);
    }

    @Override
    public Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        Objects.requireNonNull(nextStep, "nextStep");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        return transitions.advance(claim, nextStep, payload, diagramHash, traceContext, record, keepLeaseUntil);
    }

    @Override
    public boolean advanceLater(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant runAfter) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(nextStep, "nextStep");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(runAfter, "runAfter");
        return transitions.advanceLater(claim, nextStep, payload, diagramHash, traceContext, record, runAfter);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the guarded update that parks the instance, its history row, then a
     * locking read of the oldest kept event the wait accepts and, if there is one, the instance
     * moved on, the event consumed and the wait's history row. A wait without a timer is due at
     * {@link StateStore#NEVER}, past every claim's {@code now}, so claims never read it.
     */
    @Override
    public Optional<WorkflowInstance> await(Claim claim, String wait, String kept, Map<String, String> accepts,
            Instant timerAt, String diagramHash, String traceContext, StepRecord record) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(accepts, "accepts");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        return waits.await(claim, wait, kept, accepts, timerAt, diagramHash, traceContext, record);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction that locks the instance's row ({@code SELECT … FOR UPDATE}) before it reads
     * or writes the instance's events, so deliveries of one event from several nodes at once are
     * applied one after the other: one is delivered or queued, the others are duplicates. The
     * event table's primary key is the backstop: an insert that meets the same id is a duplicate,
     * with nothing written.
     */
    @Override
    public SendResult deliver(EventDelivery event) {
        Objects.requireNonNull(event, "event");
        return waits.deliver(event, null).result();
    }

    /** {@inheritDoc} The lease is taken by the delivery's own update of the instance's row. */
    @Override
    public Delivery deliverClaimed(EventDelivery event, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return waits.deliver(event, new Waits.Lease(workerId, leaseUntil));
    }

    @Override
    public boolean complete(Claim claim, StepRecord record) {
        Objects.requireNonNull(record, "record");
        return transitions.complete(claim, record);
    }

    @Override
    public boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(record, "record");
        return transitions.retryLater(claim, runAfter, error, record);
    }

    @Override
    public boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(record, "record");
        return claim.instance().isBranch() ? forks.fail(claim, error, record)
                : transitions.markUnrecoverable(claim, error, record);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the guarded update of the parent, its history row, and one batch of
     * inserts for the branches. A branch cannot fork in its turn: forks inside branches are not
     * supported, and such a fork fails with a {@link StoreException} that is not retryable.
     */
    @Override
    public Optional<Claim> fork(Claim claim, String join, List<NewBranch> branches, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(join, "join");
        Objects.requireNonNull(branches, "branches");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        if (branches.size() < 2) {
            throw new IllegalArgumentException("a fork needs at least two branches, was given " + branches.size());
        }
        if (new HashSet<>(branches.stream().map(NewBranch::instanceId).toList()).size() != branches.size()) {
            throw new IllegalArgumentException("the branches of a fork need distinct ids: "
                    + branches.stream().map(NewBranch::instanceId).toList());
        }
        if (claim.instance().isBranch()) {
            throw new StoreException("fork of instance " + claim.instanceId() + " failed: it is a branch of "
                    + claim.instance().parentId() + ", and forks inside branches are not supported", null, false);
        }
        return forks.fork(claim, join, branches, diagramHash, traceContext, record, keepLeaseUntil);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the guarded update of the branch, its history row, and one relative
     * update of the parent's count, so that siblings settling at once on several nodes never lose
     * one.
     *
     * @throws IllegalArgumentException if the claimed instance is not a branch
     */
    @Override
    public OptionalInt finishBranch(Claim claim, String result, String traceContext, StepRecord record) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(record, "record");
        if (!claim.instance().isBranch()) {
            throw new IllegalArgumentException(claim.instanceId() + " is not a branch");
        }
        return forks.finish(claim, result, traceContext, record);
    }

    @Override
    public Optional<Claim> checkJoin(Claim claim, Instant now, Instant recheckAt) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(recheckAt, "recheckAt");
        return forks.checkJoin(claim, now, recheckAt);
    }

    @Override
    public List<WorkflowInstance> branches(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        return queries.branches(instanceId);
    }

    @Override
    public boolean release(Claim claim) {
        return leases.release(claim);
    }

    @Override
    public boolean recover(String instanceId, Instant now) {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(now, "now");
        return administration.recover(instanceId, now);
    }

    @Override
    public int recoverTasks(Query query, int limit, Instant now) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(now, "now");
        return limit <= 0 ? 0 : administration.recoverTasks(query, limit, now);
    }

    @Override
    public boolean cancel(String instanceId, Instant now) {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(now, "now");
        return administration.cancel(instanceId, now);
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        return queries.find(instanceId);
    }

    @Override
    public List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit) {
        Objects.requireNonNull(query, "query");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        return limit == 0 ? List.of() : queries.list(query, status, offset, limit);
    }

    /**
     * {@inheritDoc} The claim index serves it: with a status, that status's range; without one,
     * each status's range of the type, merged.
     */
    @Override
    public List<WorkflowInstance> page(Query query, InstanceStatus status, boolean newestFirst, int offset,
            int limit) {
        Objects.requireNonNull(query, "query");
        if (limit <= 0) {
            return List.of();
        }
        if (status == null) {
            return queries.pageOfEveryStatus(query, newestFirst, Math.max(0, offset), limit);
        }
        return queries.page(query, status, newestFirst, Math.max(0, offset), limit);
    }

    @Override
    public long count(Query query, InstanceStatus status) {
        Objects.requireNonNull(query, "query");
        return queries.count(query, status);
    }

    @Override
    public List<StateCounts> stateCounts(String workflowType, Instant now, Instant completedSince) {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(completedSince, "completedSince");
        return queries.stateCounts(workflowType, now, completedSince);
    }

    @Override
    public List<StepRecord> history(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        return queries.history(instanceId);
    }

    @Override
    public int purgeFinished(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        return limit <= 0 ? 0 : administration.purgeFinished(before, limit);
    }

    /**
     * Deletes finished instances older than the {@link Builder#retention(java.time.Duration) retention}
     * at {@code now}, batch by batch.
     *
     * @return how many instances were deleted
     */
    public int purgeExpired(Instant now) {
        return retention.purge(now);
    }

    /** The database the store talks to, once it has connected. */
    public Optional<Dialect> dialect() {
        Vendor vendor = jdbc.knownVendor();
        return vendor == null ? Optional.empty() : Optional.of(vendor.dialect());
    }

    /**
     * Reads every table once (creating them first when the store was told to): a configuration
     * mistake fails with a {@link io.gamgee.core.store.StoreConfigurationException} saying what to
     * fix, an unreachable database with a retryable {@link io.gamgee.core.store.StoreUnavailableException}.
     */
    @Override
    public void verify() {
        jdbc.autoCommit("verify", null, (connection, vendor) -> {
            SchemaScript.verify(connection);
            return null;
        });
    }

    /** Stops the retention task and closes the connection pool if the store made it. */
    @Override
    public void close() {
        retention.close();
        jdbc.close();
    }

    @Override
    public String toString() {
        Vendor vendor = jdbc.knownVendor();
        return "JpaStateStore[" + (vendor == null ? "not connected yet" : vendor.dialect()) + "]";
    }

    /**
     * Options of a {@link JpaStateStore}. Exactly one connection source: {@link #h2(Path)},
     * {@link #dataSource(DataSource)} or {@link #entityManagerFactory(EntityManagerFactory)}.
     */
    public static final class Builder {
        private Path h2Directory;
        private DataSource dataSource;
        private EntityManagerFactory entityManagerFactory;
        private Boolean createSchema;
        private Dialect dialect;
        private int h2PoolSize = 10;
        private int concurrentCommits;
        private java.time.Duration h2CompactionCheck = java.time.Duration.ofSeconds(10);
        private long h2CompactAbove = EmbeddedConnections.DEFAULT_COMPACT_ABOVE;
        private final Retention.Settings.Builder retention = Retention.Settings.builder();

        private Builder() {
        }

        /**
         * An embedded H2 file database at {@code dir/gamgee} with a pool owned by the store; the
         * directory and tables are created on first use.
         */
        public Builder h2(Path dir) {
            this.h2Directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** An application's data source; the store never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The connection pool of an application's Hibernate ORM persistence unit; never closed by the store. */
        public Builder entityManagerFactory(EntityManagerFactory entityManagerFactory) {
            this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
            return this;
        }

        /**
         * Whether the store creates its tables and indexes on first use if they are missing, from the
         * shipped script of its dialect. Default: {@code true} for {@link #h2(Path)}, {@code false}
         * otherwise, where the schema usually belongs to the application's migrations
         * ({@code db/migration/gamgee/{vendor}} for Flyway, {@code db/changelog/gamgee.xml} for Liquibase).
         */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /** Skips detection of the database from the connection's metadata. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Connections in the embedded H2 pool (default 10); give at least one per worker thread. */
        public Builder h2PoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("h2PoolSize must be at least 1: " + size);
            }
            this.h2PoolSize = size;
            return this;
        }

        /**
         * How often the embedded H2 store checks the size of its file, and compacts it while open when
         * it has grown to 8 times its size after the last compaction and past 256 MB (default every
         * 10 seconds; {@link java.time.Duration#ZERO} compacts only when the store closes). H2 writes
         * each commit at once and compacts nothing meanwhile, so the open file grows with every step
         * run (about 35 KB per three-step workflow); compacting closes and reopens the database, which
         * copies its live rows into a fresh file. Store calls wait for the copy, which takes time in
         * proportion to the rows kept. See {@code SCHEMA.md}, "The embedded H2 file".
         */
        public Builder h2CompactionCheck(java.time.Duration every) {
            Objects.requireNonNull(every, "every");
            if (every.isNegative()) {
                throw new IllegalArgumentException("h2CompactionCheck must not be negative: " + every);
            }
            this.h2CompactionCheck = every;
            return this;
        }

        /** The least size of the open file that {@link #h2CompactionCheck} compacts, for tests. */
        Builder h2CompactAbove(long bytes) {
            this.h2CompactAbove = bytes;
            return this;
        }

        /**
         * How many transactions of step transitions the store has in flight at once. A transition
         * that finds them all busy waits, and is written in the next one with every other
         * transition that waited meanwhile (a group commit), each still guarded by its own claim:
         * fewer, larger commits for the same steps. A lone transition is never delayed.
         *
         * <p>Default: it follows the load. While fewer than about 10 transitions are written at
         * once, the database's: 1 for H2, which writes one commit at a time to its file anyway; 2 for
         * MariaDB; on PostgreSQL every transition commits on its own (one statement in auto-commit;
         * concurrent connections already share WAL flushes), as {@link Integer#MAX_VALUE} sets
         * anywhere. While more are (many worker threads, or several pools on one store), 1, until the
         * load falls to about 5. Fewer commits in flight mean fewer commits per step, but each thread
         * still waits for the commit that holds its transition: with 4 and 8 worker threads the
         * databases' numbers were fastest, with 16 one commit in flight was on every database
         * (README, "Performance"). A number set here is kept whatever the load.
         *
         * @param concurrentCommits at least 1
         */
        public Builder concurrentCommits(int concurrentCommits) {
            if (concurrentCommits < 1) {
                throw new IllegalArgumentException("concurrentCommits must be at least 1: " + concurrentCommits);
            }
            this.concurrentCommits = concurrentCommits;
            return this;
        }

        /**
         * How long completed and cancelled instances are kept, with their history, before the
         * retention task deletes them (default 7 days).
         */
        public Builder retention(java.time.Duration retention) {
            this.retention.retention(retention);
            return this;
        }

        /**
         * How often the background retention task runs (default every 10 minutes);
         * {@link java.time.Duration#ZERO} disables it, leaving {@link JpaStateStore#purgeExpired(Instant)}
         * to the application.
         */
        public Builder purgeInterval(java.time.Duration interval) {
            this.retention.interval(interval);
            return this;
        }

        /** Instances deleted per transaction by the retention task (default 500). */
        public Builder purgeBatchSize(int batchSize) {
            this.retention.batchSize(batchSize);
            return this;
        }

        /** The clock the retention task reads (default the system clock). */
        public Builder clock(java.time.Clock clock) {
            this.retention.clock(clock);
            return this;
        }

        /**
         * Builds the store. Nothing connects yet: the dialect is detected and the schema created on
         * the first call, so a store can be built while its database is down.
         *
         * @throws IllegalStateException unless exactly one connection source was given, or for
         *     {@link #h2(Path)} when H2 or HikariCP is not on the class path
         */
        public JpaStateStore build() {
            int sources = (h2Directory != null ? 1 : 0) + (dataSource != null ? 1 : 0)
                    + (entityManagerFactory != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("give exactly one of h2(dir), dataSource(..) or "
                        + "entityManagerFactory(..); got " + sources);
            }
            ConnectionSource connections;
            Dialect resolved = dialect;
            if (h2Directory != null) {
                requireEmbeddedH2();
                connections = new EmbeddedConnections(h2Directory, h2PoolSize, h2CompactionCheck, h2CompactAbove);
                resolved = Dialect.H2;
            } else if (dataSource != null) {
                connections = new DataSourceConnections(dataSource, false);
            } else {
                connections = new SessionFactoryConnections(entityManagerFactory);
            }
            boolean schema = createSchema != null ? createSchema : h2Directory != null;
            Vendor vendor = resolved == null ? null : resolved.vendor();
            return new JpaStateStore(new Jdbc(connections, vendor, schema, concurrentCommits), retention.build());
        }

        /** H2 and HikariCP are optional dependencies of this artifact, brought by gamgee-h2. */
        private static void requireEmbeddedH2() {
            for (String name : List.of("org.h2.Driver", "com.zaxxer.hikari.HikariDataSource")) {
                try {
                    Class.forName(name, false, Builder.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("the embedded H2 store needs the dependency io.gamgee:gamgee-h2 "
                            + "(it brings com.h2database:h2 and com.zaxxer:HikariCP); " + name
                            + " is not on the class path");
                }
            }
        }
    }
}
