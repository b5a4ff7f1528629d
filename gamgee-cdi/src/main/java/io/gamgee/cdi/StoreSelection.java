package io.gamgee.cdi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.jpa.JpaStateStore;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import javax.sql.DataSource;

/**
 * Chooses the store the workers and the client share, first match wins: the application's
 * {@link StateStore} bean; a database at {@code gamgee.store.jdbc-url}; the application's
 * {@link DataSource} bean (Quarkus' datasource, for one); the embedded H2 store under
 * {@code gamgee.store.directory}.
 */
final class StoreSelection {

    private StoreSelection() {
    }

    static SelectedStore select(Instance<StateStore> stores, Instance<DataSource> dataSources,
            GamgeeSettings settings) {
        if (stores.isResolvable()) {
            return new SelectedStore(stores.get(), List.of(), "the application's StateStore bean", null);
        }
        if (settings.jdbcUrl().isPresent()) {
            requireHikari(settings);
            HikariDataSource pool = pool(settings);
            JpaStateStore store = commits(JpaStateStore.builder()
                    .dataSource(pool)
                    .createSchema(settings.createSchema().orElse(false)), settings)
                    .build();
            return new SelectedStore(store, List.of(store, pool), settings.jdbcUrl().get(), null);
        }
        if (dataSources.isAmbiguous()) {
            throw new IllegalStateException("Gamgee cannot choose among several DataSource beans: set "
                    + "gamgee.store.jdbc-url or produce a StateStore bean");
        }
        if (dataSources.isResolvable()) {
            JpaStateStore store = commits(JpaStateStore.builder()
                    .dataSource(dataSources.get())
                    .createSchema(settings.createSchema().orElse(false)), settings)
                    .build();
            return new SelectedStore(store, List.of(store), "the application's DataSource bean", dataSources.get());
        }
        JpaStateStore store = commits(JpaStateStore.builder()
                .h2(settings.directory())
                .h2PoolSize(settings.threads() + 2)
                .h2CompactionCheck(settings.compactionCheck())
                .createSchema(settings.createSchema().orElse(true)), settings)
                .build();
        return new SelectedStore(store, List.of(store), "embedded H2 under " + settings.directory().toAbsolutePath(),
                null);
    }

    private static JpaStateStore.Builder commits(JpaStateStore.Builder builder, GamgeeSettings settings) {
        settings.concurrentCommits().ifPresent(builder::concurrentCommits);
        return builder;
    }

    private static void requireHikari(GamgeeSettings settings) {
        try {
            Class.forName("com.zaxxer.hikari.HikariConfig", false, StoreSelection.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StoreConfigurationException("Gamgee configuration gamgee.store.jdbc-url = '"
                    + settings.jdbcUrl().orElseThrow() + "' needs a connection pool: add io.gamgee:gamgee-h2 (it brings "
                    + "HikariCP), or leave gamgee.store.jdbc-url unset to use the application's DataSource", e);
        }
    }

    private static HikariDataSource pool(GamgeeSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gamgee");
        config.setJdbcUrl(settings.jdbcUrl().orElseThrow());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.threads() + 2);
        // connect on first use, so the container starts while the database is still down
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // HikariCP looks the driver up at once: a URL typo or a missing driver fails here
            throw new StoreConfigurationException("Gamgee configuration gamgee.store.jdbc-url = '"
                    + settings.jdbcUrl().orElseThrow() + "' cannot be used: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")
                    + "; check the URL (jdbc:postgresql://…, jdbc:mariadb://…, jdbc:h2:…) and that its JDBC driver "
                    + "is a dependency of the application", e);
        }
    }

    /**
     * The chosen store.
     *
     * @param store the store
     * @param owned what to close, in order, when the container stops (not what the application owns)
     * @param description where the state lives, for the log
     * @param enlisting the application's data source the store writes through (which the container
     *     enlists in its transactions), or {@code null}
     */
    record SelectedStore(StateStore store, List<AutoCloseable> owned, String description, DataSource enlisting) {

        void close() throws Exception {
            for (AutoCloseable closeable : owned) {
                closeable.close();
            }
        }
    }
}
