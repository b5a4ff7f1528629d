package io.gamgee.jpa;

import static io.gamgee.jpa.Dialect.stored;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.entity.InstanceEntity;
import io.gamgee.jpa.entity.StepHistoryEntity;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private static final String STORE = "JpaStateStore";

    private final Jdbc jdbc;
    private final Retention retention;

    JpaStateStore(Jdbc jdbc, Retention.Settings retention) {
        this.jdbc = jdbc;
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
        return List.of(InstanceEntity.class, StepHistoryEntity.class);
    }

    @Override
    public boolean insert(NewInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return insert("insert", instance, null, null);
    }

    @Override
    public Optional<Claim> insertClaimed(NewInstance instance, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (!insert("insertClaimed", instance, workerId, leaseUntil)) {
            return Optional.empty();
        }
        WorkflowInstance claimed = new WorkflowInstance(instance.instanceId(), instance.workflowType(), instance.step(),
                instance.payload(), InstanceStatus.WAITING, 0, stored(instance.runAfter()), workerId, stored(leaseUntil),
                instance.traceContext(), instance.diagramHash(), 0, stored(instance.createdAt()),
                stored(instance.createdAt()), null);
        return Optional.of(new Claim(claimed, workerId, stored(leaseUntil)));
    }

    /** Inserts the row, leased to {@code leaseOwner} if not {@code null}; false if the id exists. */
    private boolean insert(String operation, NewInstance instance, String leaseOwner, Instant leaseUntil) {
        return jdbc.autoCommit(operation, instance.instanceId(), (connection, dialect) -> {
            String sql = "INSERT INTO gamgee_instance (instance_id, workflow_type, step, payload, status, attempts, "
                    + "run_after, claimable_at, lease_owner, lease_until, trace_context, diagram_hash, version, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, 'WAITING', 0, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
                    + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT (instance_id) DO NOTHING" : "");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, instance.instanceId());
                statement.setString(2, instance.workflowType());
                statement.setString(3, instance.step());
                statement.setString(4, instance.payload());
                dialect.bind(statement, 5, instance.runAfter());
                // a leased row is due again when its lease expires, like a claimed one
                dialect.bind(statement, 6, leaseUntil != null ? leaseUntil : instance.runAfter());
                statement.setString(7, leaseOwner);
                dialect.bind(statement, 8, leaseUntil);
                statement.setString(9, instance.traceContext());
                statement.setString(10, instance.diagramHash());
                dialect.bind(statement, 11, instance.createdAt());
                dialect.bind(statement, 12, instance.createdAt());
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
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
        Jdbc.Work<List<WorkflowInstance>> work = (connection, dialect) ->
                Claims.claimBatch(connection, dialect, query, strategy, workerId, now, leaseUntil, max);
        List<WorkflowInstance> claimed = Claims.needsTransaction(jdbc.knownDialect(), strategy)
                ? jdbc.inTransaction("claim", null, work)
                : jdbc.autoCommit("claim", null, work);
        List<Claim> claims = new ArrayList<>(claimed.size());
        for (WorkflowInstance instance : claimed) {
            claims.add(new Claim(instance, workerId, instance.leaseUntil()));
        }
        return claims;
    }

    @Override
    public Optional<Claim> renewLease(Claim claim, Instant leaseUntil) {
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        boolean renewed = jdbc.autoCommit("renewLease", claim.instanceId(), (connection, dialect) ->
                Transitions.update(connection, dialect, claim, "lease_until = ?, claimable_at = ?", (s, d, i) -> {
                    d.bind(s, i, leaseUntil);
                    d.bind(s, i + 1, leaseUntil);
                    return i + 2;
                }));
        if (!renewed) {
            return Optional.empty();
        }
        WorkflowInstance held = claim.instance();
        return Optional.of(new Claim(new WorkflowInstance(held.instanceId(), held.workflowType(), held.step(),
                held.payload(), held.status(), held.attempts(), held.runAfter(), claim.workerId(), stored(leaseUntil),
                held.traceContext(), held.diagramHash(), held.version() + 1, held.createdAt(), held.updatedAt(),
                held.lastError()), claim.workerId(), stored(leaseUntil)));
    }

    @Override
    public Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        Objects.requireNonNull(nextStep, "nextStep");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        Instant at = Transitions.time(claim, record);
        String leaseOwner = keepLeaseUntil == null ? null : claim.workerId();
        String set = "step = ?, payload = ?, attempts = 0, run_after = ?, claimable_at = ?, lease_owner = ?, "
                + "lease_until = ?, diagram_hash = ?, trace_context = ?, updated_at = ?, "
                + "last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL";
        boolean moved = Transitions.apply(jdbc, "advance", claim, set, (s, d, i) -> {
            s.setString(i, nextStep);
            s.setString(i + 1, payload);
            d.bind(s, i + 2, at);
            d.bind(s, i + 3, keepLeaseUntil == null ? at : keepLeaseUntil);
            s.setString(i + 4, leaseOwner);
            d.bind(s, i + 5, keepLeaseUntil);
            s.setString(i + 6, diagramHash);
            s.setString(i + 7, traceContext);
            d.bind(s, i + 8, at);
            return i + 9;
        }, record);
        if (!moved) {
            return Optional.empty();
        }
        WorkflowInstance held = claim.instance();
        WorkflowInstance advanced = new WorkflowInstance(held.instanceId(), held.workflowType(), nextStep, payload,
                InstanceStatus.WAITING, 0, stored(at), leaseOwner, stored(keepLeaseUntil), traceContext, diagramHash,
                held.version() + 1, held.createdAt(), stored(at), null);
        Instant receiptUntil = keepLeaseUntil == null ? stored(at) : stored(keepLeaseUntil);
        return Optional.of(new Claim(advanced, claim.workerId(), receiptUntil));
    }

    @Override
    public boolean complete(Claim claim, StepRecord record) {
        Objects.requireNonNull(record, "record");
        Instant at = Transitions.time(claim, record);
        return Transitions.apply(jdbc, "complete", claim, "status = 'COMPLETED', claimable_at = ?, "
                + "lease_owner = NULL, lease_until = NULL, updated_at = ?", (s, d, i) -> {
                    d.bind(s, i, at);
                    d.bind(s, i + 1, at);
                    return i + 2;
                }, record);
    }

    @Override
    public boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(record, "record");
        Instant at = Transitions.time(claim, record);
        return Transitions.apply(jdbc, "retryLater", claim, "attempts = attempts + 1, run_after = ?, "
                + "claimable_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?, " + ERROR_COLUMNS,
                (s, d, i) -> {
                    d.bind(s, i, runAfter);
                    d.bind(s, i + 1, runAfter);
                    d.bind(s, i + 2, at);
                    return bindError(s, i + 3, error);
                }, record);
    }

    @Override
    public boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(record, "record");
        Instant at = Transitions.time(claim, record);
        return Transitions.apply(jdbc, "markUnrecoverable", claim, "status = 'UNRECOVERABLE', "
                + "attempts = attempts + 1, claimable_at = ?, lease_owner = NULL, lease_until = NULL, "
                + "updated_at = ?, " + ERROR_COLUMNS, (s, d, i) -> {
                    d.bind(s, i, at);
                    d.bind(s, i + 1, at);
                    return bindError(s, i + 2, error);
                }, record);
    }

    private static final String ERROR_COLUMNS =
            "last_error_type = ?, last_error_message = ?, last_error_stack_trace = ?";

    private static int bindError(PreparedStatement statement, int index, ErrorInfo error) throws SQLException {
        statement.setString(index, error.type());
        statement.setString(index + 1, error.message());
        statement.setString(index + 2, error.stackTrace());
        return index + 3;
    }

    @Override
    public boolean release(Claim claim) {
        return jdbc.autoCommit("release", claim.instanceId(), (connection, dialect) -> Transitions.update(connection,
                dialect, claim, "lease_owner = NULL, lease_until = NULL, claimable_at = run_after", (s, d, i) -> i));
    }

    @Override
    public int recoverTasks(Query query, int limit, Instant now) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(now, "now");
        if (limit <= 0) {
            return 0;
        }
        return jdbc.inTransaction("recoverTasks", null, (connection, dialect) -> {
            QueryFilter filter = QueryFilter.of(query, InstanceStatus.UNRECOVERABLE);
            List<String> ids = ids(connection, "SELECT instance_id FROM gamgee_instance WHERE " + filter.sql()
                    + " ORDER BY claimable_at, instance_id LIMIT " + limit, s -> filter.bind(s, 1));
            int recovered = 0;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE gamgee_instance SET "
                    + "status = 'WAITING', attempts = 0, run_after = ?, claimable_at = ?, lease_owner = NULL, "
                    + "lease_until = NULL, updated_at = ?, version = version + 1 "
                    + "WHERE instance_id = ? AND status = 'UNRECOVERABLE'")) {
                for (String id : ids) {
                    dialect.bind(statement, 1, now);
                    dialect.bind(statement, 2, now);
                    dialect.bind(statement, 3, now);
                    statement.setString(4, id);
                    recovered += statement.executeUpdate();
                }
            }
            return recovered;
        });
    }

    @Override
    public boolean cancel(String instanceId, Instant now) {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(now, "now");
        return jdbc.autoCommit("cancel", instanceId, (connection, dialect) -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE gamgee_instance SET "
                    + "status = 'CANCELLED', lease_owner = NULL, lease_until = NULL, claimable_at = ?, updated_at = ?, "
                    + "version = version + 1 WHERE instance_id = ? AND status = 'WAITING'")) {
                dialect.bind(statement, 1, now);
                dialect.bind(statement, 2, now);
                statement.setString(3, instanceId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        return jdbc.autoCommit("find", instanceId, (connection, dialect) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + InstanceRows.INSTANCE_COLUMNS + " FROM gamgee_instance WHERE instance_id = ?")) {
                statement.setString(1, instanceId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(InstanceRows.instance(row, dialect)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit) {
        Objects.requireNonNull(query, "query");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return jdbc.autoCommit("list", null, (connection, dialect) -> {
            QueryFilter filter = QueryFilter.of(query, status);
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + InstanceRows.INSTANCE_COLUMNS
                    + " FROM gamgee_instance WHERE " + filter.sql() + " ORDER BY created_at, instance_id"
                    + " LIMIT " + limit + " OFFSET " + offset)) {
                filter.bind(statement, 1);
                List<WorkflowInstance> instances = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        instances.add(InstanceRows.instance(row, dialect));
                    }
                }
                return instances;
            }
        });
    }

    @Override
    public long count(Query query, InstanceStatus status) {
        Objects.requireNonNull(query, "query");
        return jdbc.autoCommit("count", null, (connection, dialect) -> {
            QueryFilter filter = QueryFilter.of(query, status);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*) FROM gamgee_instance WHERE " + filter.sql())) {
                filter.bind(statement, 1);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    @Override
    public List<StepRecord> history(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        return jdbc.autoCommit("history", instanceId, (connection, dialect) -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + InstanceRows.HISTORY_COLUMNS
                    + " FROM gamgee_step_history WHERE instance_id = ? ORDER BY id")) {
                statement.setString(1, instanceId);
                List<StepRecord> steps = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        steps.add(InstanceRows.step(row, dialect));
                    }
                }
                return steps;
            }
        });
    }

    @Override
    public int purgeFinished(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit <= 0) {
            return 0;
        }
        return jdbc.inTransaction("purgeFinished", null, (connection, dialect) -> {
            // A finished row's claimable_at is the time it finished (= updated_at), which lets the
            // claim index find old finished rows without a scan.
            List<String> ids = ids(connection, "SELECT instance_id FROM gamgee_instance "
                    + "WHERE status IN ('COMPLETED', 'CANCELLED') AND claimable_at < ? LIMIT " + limit,
                    s -> {
                        dialect.bind(s, 1, before);
                        return 2;
                    });
            int deleted = 0;
            for (int from = 0; from < ids.size(); from += PURGE_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PURGE_CHUNK));
                String in = " IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
                executeWithIds(connection, "DELETE FROM gamgee_step_history WHERE instance_id" + in, chunk);
                deleted += executeWithIds(connection, "DELETE FROM gamgee_instance WHERE instance_id" + in
                        + " AND status IN ('COMPLETED', 'CANCELLED')", chunk);
            }
            return deleted;
        });
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
        return Optional.ofNullable(jdbc.knownDialect());
    }

    /**
     * Reads both tables once (creating them first when the store was told to): a configuration
     * mistake fails with a {@link io.gamgee.core.store.StoreConfigurationException} saying what to
     * fix, an unreachable database with a retryable {@link io.gamgee.core.store.StoreUnavailableException}.
     */
    @Override
    public void verify() {
        jdbc.autoCommit("verify", null, (connection, dialect) -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT COUNT(*) FROM gamgee_instance WHERE 1 = 0").close();
                statement.executeQuery("SELECT COUNT(*) FROM gamgee_step_history WHERE 1 = 0").close();
            }
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
        return STORE + "[" + (jdbc.knownDialect() == null ? "not connected yet" : jdbc.knownDialect()) + "]";
    }

    private static final int PURGE_CHUNK = 500;

    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    private static List<String> ids(java.sql.Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        }
    }

    private static int executeWithIds(java.sql.Connection connection, String sql, List<String> ids)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            return statement.executeUpdate();
        }
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
                connections = new DataSourceConnections(EmbeddedH2.pool(h2Directory, h2PoolSize), true);
                resolved = Dialect.H2;
            } else if (dataSource != null) {
                connections = new DataSourceConnections(dataSource, false);
            } else {
                connections = new SessionFactoryConnections(entityManagerFactory);
            }
            boolean schema = createSchema != null ? createSchema : h2Directory != null;
            return new JpaStateStore(new Jdbc(connections, resolved, schema), retention.build());
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
