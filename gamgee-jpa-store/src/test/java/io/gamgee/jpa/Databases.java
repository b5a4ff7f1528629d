package io.gamgee.jpa;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers the tests use, each in a schema of its own so that other modules' tests on
 * the same server do not meet these tables. A server that is down skips its tests, unless
 * {@code GAMGEE_REQUIRE_DATABASES=true} (CI), which makes them fail.
 */
final class Databases {

    static final String SCHEMA = "gamgee_store_test";
    /** Where {@code *ForkJoinTest} run (see {@link #postgres(String)}). */
    static final String FORK_SCHEMA = "gamgee_fork_test";
    /** Where {@code *WaitTest} run. */
    static final String WAIT_SCHEMA = "gamgee_wait_test";

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    private Databases() {
    }

    /** A pool on the PostgreSQL test schema (user {@code postgres}, trust authentication). */
    static DataSource postgres() {
        return postgres(SCHEMA);
    }

    /**
     * A pool on a PostgreSQL schema of its own, for tests whose assertions would meet the rows the
     * other tests leave (a purge of everything finished before a time).
     */
    static DataSource postgres(String schema) {
        return POOLS.computeIfAbsent("postgres " + schema, key -> {
            require("PostgreSQL at 127.0.0.1:5432 (database test, user postgres)", POSTGRES_URL, "postgres",
                    "CREATE SCHEMA IF NOT EXISTS " + schema);
            return pool(POSTGRES_URL + "?currentSchema=" + schema, "postgres");
        });
    }

    /** The JDBC URL of the PostgreSQL test schema, for worker processes. */
    static String postgresUrl() {
        return POSTGRES_URL + "?currentSchema=" + SCHEMA;
    }

    /** A pool on the MariaDB test database (user {@code root}, no password). */
    static DataSource mariadb() {
        return mariadb(SCHEMA);
    }

    /** A pool on a MariaDB database of its own (see {@link #postgres(String)}). */
    static DataSource mariadb(String database) {
        return POOLS.computeIfAbsent("mariadb " + database, key -> {
            require("MariaDB at 127.0.0.1:3306 (database test, user root)", MARIADB_URL, "root",
                    "CREATE DATABASE IF NOT EXISTS " + database);
            return pool("jdbc:mariadb://127.0.0.1:3306/" + database, "root");
        });
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(12);
        config.setPoolName("test-" + url.substring(url.lastIndexOf('/') + 1));
        return new HikariDataSource(config);
    }

    private static void require(String server, String url, String user, String setup) {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(setup);
        } catch (SQLException e) {
            String message = server + " is unreachable (" + e.getMessage() + ")";
            if (Boolean.parseBoolean(System.getenv("GAMGEE_REQUIRE_DATABASES"))) {
                fail(message + "; GAMGEE_REQUIRE_DATABASES=true makes this a failure");
            }
            Assumptions.abort(message + "; skipping its tests (set GAMGEE_REQUIRE_DATABASES=true to fail instead)");
        }
    }
}
