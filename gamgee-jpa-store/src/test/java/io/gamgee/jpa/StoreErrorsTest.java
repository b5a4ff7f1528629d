package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures surface as store exceptions that say what failed and whether to try again. */
class StoreErrorsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void anUnreachableServerIsRetryableAndTheStoreCanStillBeBuilt() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/test");
        config.setUsername("postgres");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource unreachable = new HikariDataSource(config);
                JpaStateStore store = JpaStateStore.create(unreachable)) {
            assertThatThrownBy(() -> store.claim(Query.all(), FetchStrategy.OLDEST, "w", NOW, NOW.plusSeconds(5)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("claim failed: the database is unreachable")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isTrue());
        }
    }

    @Test
    void aLostConnectionIsRetryableAndTheNextCallReconnects() throws Exception {
        Databases.postgres();
        OneConnection connections = new OneConnection(Databases.postgresUrl() + "&ApplicationName=gamgee-outage");
        try (JpaStateStore store = JpaStateStore.builder().dataSource(connections).createSchema(true).build()) {
            assertThat(store.find("outage-" + System.nanoTime())).isEmpty();
            terminateBackend("gamgee-outage");

            assertThatThrownBy(() -> store.find("order-7"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("find of instance order-7 failed: the database is unreachable");
            assertThat(store.find("order-7")).as("after the outage").isEmpty();
        } finally {
            connections.close();
        }
    }

    @Test
    void otherSqlErrorsNameTheOperationAndInstanceAndAreNotRetryable(@TempDir Path dir) {
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            String tooLong = "x".repeat(300);
            assertThatThrownBy(() -> store.insert(new NewInstance(tooLong, "T", "s", "{}", NOW, null, "h", NOW)))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageStartingWith("insert of instance " + tooLong + " failed: ")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isFalse());
        }
    }

    private static void terminateBackend(String applicationName) throws SQLException {
        try (Connection admin = Databases.postgres().getConnection();
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?");
                PreparedStatement alive = admin.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, applicationName);
            terminate.executeQuery().close();
            alive.setString(1, applicationName);
            long remaining;
            do {
                try (ResultSet row = alive.executeQuery()) {
                    row.next();
                    remaining = row.getLong(1);
                }
            } while (remaining > 0);
        }
    }

    /** A data source holding one connection, reopened only once it is found closed: an outage without a pool hiding it. */
    private static final class OneConnection implements DataSource, AutoCloseable {
        private final String url;
        private Connection connection;

        OneConnection(String url) {
            this.url = url;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, "postgres", "");
            }
            Connection shared = connection;
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(shared, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public synchronized void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
