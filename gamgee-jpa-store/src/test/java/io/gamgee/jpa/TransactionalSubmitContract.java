package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A submit made in the application's own transaction exists if and only if that transaction
 * commits: through a plain {@link Connection}, through a Hibernate {@link EntityManager}, and when
 * the application's JVM dies before it commits. One subclass per database.
 */
abstract class TransactionalSubmitContract {

    private static final WorkflowRegistry REGISTRY = WorkflowRegistry.of(ShipmentWorkflow::new);
    private static final Query SHIPMENTS = Query.workflowType("ShipmentWorkflow");

    private HikariDataSource application;
    private JpaStateStore store;
    private WorkflowClient client;

    /** The JDBC URL the application and the store share. */
    abstract String url();

    abstract String user();

    @BeforeEach
    void openTheApplicationsDatabase() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(user());
        config.setPassword("");
        config.setMaximumPoolSize(4);
        application = new HikariDataSource(config);
        try (Connection connection = application.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS shop_order (id VARCHAR(100) PRIMARY KEY)");
        }
        store = JpaStateStore.builder().dataSource(application).createSchema(true).purgeInterval(Duration.ZERO).build();
        store.verify();
        client = WorkflowClient.create(store, REGISTRY);
    }

    @AfterEach
    void close() {
        store.close();
        application.close();
    }

    @Test
    void aSubmitInACommittedTransactionRunsWithItsOrder() throws Exception {
        String id = "order-" + UUID.randomUUID();
        try (Connection connection = application.getConnection()) {
            connection.setAutoCommit(false);
            insertOrder(connection, id);
            client.joining(store.joining(connection)).submit(ShipmentWorkflow.class, new ReservePayload(id), id);
            assertThat(store.find(id)).as("invisible to others before the commit").isEmpty();
            connection.commit();
        }

        assertThat(store.find(id)).isPresent();
        assertThat(orders(id)).isEqualTo(1);
        assertThat(runToTheEnd(id)).isEqualTo(InstanceStatus.COMPLETED);
    }

    @Test
    void aSubmitInARolledBackTransactionNeverExists() throws Exception {
        String id = "order-" + UUID.randomUUID();
        try (Connection connection = application.getConnection()) {
            connection.setAutoCommit(false);
            insertOrder(connection, id);
            client.joining(store.joining(connection)).submit(ShipmentWorkflow.class, new ReservePayload(id), id);
            assertThat(count(connection, "gamgee_instance", "instance_id", id)).as("seen inside").isEqualTo(1);
            connection.rollback();
        }

        assertThat(store.find(id)).isEmpty();
        assertThat(orders(id)).isZero();
    }

    @Test
    void aSubmitWhoseJvmDiesBeforeTheCommitNeverExists() throws Exception {
        String id = "order-" + UUID.randomUUID();
        Process application = WorkerProcesses.startMain(SubmitThenHang.class, null, url(), user(), id);
        try {
            WorkerProcesses.awaitLine(application, "SUBMITTED", Duration.ofMinutes(1));
        } finally {
            application.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }

        assertThat(store.find(id)).isEmpty();
        assertThat(orders(id)).isZero();
    }

    @Test
    void aSubmitThroughAnEntityManagerCommitsAndRollsBackWithIt() throws Exception {
        String committed = "order-" + UUID.randomUUID();
        String rolledBack = "order-" + UUID.randomUUID();
        try (EntityManagerFactory units = Persistence.createEntityManagerFactory(
                new PersistenceConfiguration("shop").property(PersistenceConfiguration.JDBC_URL, url())
                        .property(PersistenceConfiguration.JDBC_USER, user())
                        .property(PersistenceConfiguration.JDBC_PASSWORD, ""))) {
            for (String id : new String[] {committed, rolledBack}) {
                EntityManager entities = units.createEntityManager();
                try {
                    entities.getTransaction().begin();
                    entities.createNativeQuery("INSERT INTO shop_order (id) VALUES (?1)").setParameter(1, id)
                            .executeUpdate();
                    client.joining(store.joining(entities)).submit(ShipmentWorkflow.class, new ReservePayload(id), id);
                    if (id.equals(committed)) {
                        entities.getTransaction().commit();
                    } else {
                        entities.getTransaction().rollback();
                    }
                } finally {
                    entities.close();
                }
            }
        }

        assertThat(store.find(committed)).isPresent();
        assertThat(orders(committed)).isEqualTo(1);
        assertThat(store.find(rolledBack)).isEmpty();
        assertThat(orders(rolledBack)).isZero();
    }

    private InstanceStatus runToTheEnd(String id) {
        WorkflowWorker worker = WorkflowWorker.builder(REGISTRY).openTelemetry(OpenTelemetry.noop()).build();
        for (int i = 0; i < 100 && store.find(id).orElseThrow().status() == InstanceStatus.WAITING; i++) {
            ExecutionResult ignored = worker.executeWaitingWorkflow(store, SHIPMENTS, FetchStrategy.OLDEST,
                    Duration.ZERO);
        }
        return store.find(id).orElseThrow().status();
    }

    private static void insertOrder(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO shop_order (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private long orders(String id) throws SQLException {
        try (Connection connection = application.getConnection()) {
            return count(connection, "shop_order", "id", id);
        }
    }

    private static long count(Connection connection, String table, String column, String id) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            count.setString(1, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
