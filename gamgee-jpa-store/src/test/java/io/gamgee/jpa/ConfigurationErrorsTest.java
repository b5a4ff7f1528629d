package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.core.store.StoreException;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot work as configured fails the first call and a pool's start with the cause as
 * the message, and is never retried as if it were an outage.
 */
class ConfigurationErrorsTest {

    private static final WorkflowRegistry REGISTRY = WorkflowRegistry.of(ShipmentWorkflow::new);

    @Test
    void aUrlNoDriverAcceptsIsAConfigurationErrorNotAnOutage() {
        try (HikariDataSource typo = new HikariDataSource()) {
            typo.setJdbcUrl("jdbc:postgres://127.0.0.1:5432/test");
            typo.setUsername("postgres");
            JpaStateStore store = JpaStateStore.create(typo);

            assertThatThrownBy(store::verify)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("no JDBC driver accepts the store's URL")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isFalse());
            assertThatThrownBy(() -> WorkflowClient.create(store, REGISTRY)
                    .submit(ShipmentWorkflow.class, new ReservePayload("order-1")))
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("no JDBC driver accepts the store's URL");
            WorkerPool pool = pool(store);
            assertThatThrownBy(pool::start).isInstanceOf(StoreConfigurationException.class);
            assertThat(pool.isRunning()).isFalse();
        }
    }

    @Test
    void missingTablesFailThePoolsStartSayingHowToCreateThem(@TempDir Path dir) {
        try (JpaStateStore store = JpaStateStore.builder().h2(dir).createSchema(false).build()) {
            WorkerPool pool = pool(store);

            assertThatThrownBy(pool::start)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("Gamgee's tables do not exist in the store's database")
                    .hasMessageContaining("createSchema(true)")
                    .hasMessageContaining("GAMGEE_INSTANCE");
            assertThat(pool.isRunning()).isFalse();
        }
    }

    @Test
    void missingTablesOnPostgresqlAreAConfigurationError() throws Exception {
        try (Connection admin = Databases.postgres().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gamgee_no_tables CASCADE");
            statement.execute("CREATE SCHEMA gamgee_no_tables");
        }
        try (HikariDataSource empty = new HikariDataSource()) {
            empty.setJdbcUrl(Databases.POSTGRES_URL + "?currentSchema=gamgee_no_tables");
            empty.setUsername("postgres");
            JpaStateStore store = JpaStateStore.create(empty);

            assertThatThrownBy(() -> WorkflowClient.create(store, REGISTRY)
                    .submit(ShipmentWorkflow.class, new ReservePayload("order-1")))
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("Gamgee's tables do not exist")
                    .hasMessageContaining("gamgee_instance");
        }
    }

    @Test
    void missingTablesOnMariaDbAreAConfigurationError() throws Exception {
        try (Connection admin = Databases.mariadb().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS gamgee_no_tables");
            statement.execute("CREATE DATABASE gamgee_no_tables");
        }
        try (HikariDataSource empty = new HikariDataSource()) {
            empty.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/gamgee_no_tables");
            empty.setUsername("root");
            JpaStateStore store = JpaStateStore.create(empty);

            assertThatThrownBy(store::verify)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("Gamgee's tables do not exist")
                    .hasMessageContaining("gamgee_instance");
        }
    }

    @Test
    void tablesWithoutTheColumnsOfForksAreAConfigurationErrorSayingHowToUpgrade() throws Exception {
        try (Connection admin = Databases.postgres().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gamgee_schema_1 CASCADE");
            statement.execute("CREATE SCHEMA gamgee_schema_1");
        }
        // a connection of its own: one of the shared pool's must not keep another schema
        try (Connection first = DriverManager.getConnection(Databases.POSTGRES_URL + "?currentSchema=gamgee_schema_1",
                "postgres", ""); Statement statement = first.createStatement()) {
            for (String sql : SchemaScript.statements("db/migration/gamgee/postgresql/V1__gamgee_schema.sql")) {
                statement.execute(sql);
            }
        }
        try (HikariDataSource old = new HikariDataSource()) {
            old.setJdbcUrl(Databases.POSTGRES_URL + "?currentSchema=gamgee_schema_1");
            old.setUsername("postgres");
            JpaStateStore store = JpaStateStore.create(old);

            assertThatThrownBy(store::verify)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("Gamgee's tables are of an older version")
                    .hasMessageContaining("createSchema(true)")
                    .hasMessageContaining("V2__gamgee_forks.sql").hasMessageContaining("V3__gamgee_events.sql")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isFalse());
        }
    }

    @Test
    void tablesWithoutTheTableOfEventsAreAConfigurationErrorSayingHowToUpgrade() throws Exception {
        try (Connection admin = Databases.postgres().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gamgee_schema_2 CASCADE");
            statement.execute("CREATE SCHEMA gamgee_schema_2");
        }
        try (Connection first = DriverManager.getConnection(Databases.POSTGRES_URL + "?currentSchema=gamgee_schema_2",
                "postgres", ""); Statement statement = first.createStatement()) {
            for (String migration : List.of("V1__gamgee_schema.sql", "V2__gamgee_forks.sql")) {
                for (String sql : SchemaScript.statements("db/migration/gamgee/postgresql/" + migration)) {
                    statement.execute(sql);
                }
            }
        }
        try (HikariDataSource old = new HikariDataSource()) {
            old.setJdbcUrl(Databases.POSTGRES_URL + "?currentSchema=gamgee_schema_2");
            old.setUsername("postgres");
            JpaStateStore store = JpaStateStore.create(old);

            assertThatThrownBy(store::verify)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("Gamgee's tables are of an older version, without the table of events")
                    .hasMessageContaining("createSchema(true)")
                    .hasMessageContaining("V3__gamgee_events.sql")
                    .hasMessageContaining("gamgee-schema-3")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isFalse());
        }
    }

    @Test
    void anUnknownUserIsAConfigurationError() {
        Databases.postgres();
        try (HikariDataSource stranger = new HikariDataSource()) {
            stranger.setJdbcUrl(Databases.POSTGRES_URL);
            stranger.setUsername("nobody_" + System.nanoTime());
            stranger.setConnectionTimeout(2_000);
            JpaStateStore store = JpaStateStore.create(stranger);

            assertThatThrownBy(store::verify)
                    .isInstanceOf(StoreConfigurationException.class)
                    .hasMessageStartingWith("the database refused the store's credentials");
        }
    }

    private static WorkerPool pool(JpaStateStore store) {
        return WorkerPool.builder(REGISTRY, store).threads(1).openTelemetry(OpenTelemetry.noop()).build();
    }
}
