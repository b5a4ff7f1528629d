package io.gamgee.benchmarks.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A database the benchmarks run on. Every system gets a {@link #fresh(String) fresh} database per
 * run: a new H2 file, or a PostgreSQL/MariaDB database dropped and created again, so no system
 * sees another's rows or indexes.
 */
public enum Database {
    H2("H2 file") {
        @Override
        public Fresh fresh(String name) {
            Path dir = H2_ROOT.resolve(name);
            deleteRecursively(dir);
            // WRITE_DELAY=0 for every system, as Gamgee's embedded store sets it: by default H2 writes
            // commits to its file up to half a second later, so a killed JVM loses work it reported
            // done. Comparing commit rates under different durability would flatter whoever has less.
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + H2_SETTINGS;
            return new Fresh(this, name, url, "sa", "", dir);
        }

        @Override
        public String version() {
            return "H2 " + org.h2.engine.Constants.FULL_VERSION;
        }
    },
    POSTGRESQL("PostgreSQL") {
        @Override
        public Fresh fresh(String name) {
            String database = "bench_" + name;
            admin(ADMIN_PG, "postgres", "", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                    "CREATE DATABASE " + database);
            return new Fresh(this, name, "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "", null);
        }

        @Override
        public String version() {
            return "PostgreSQL " + queryVersion(ADMIN_PG, "postgres", "", "SHOW server_version");
        }
    },
    MARIADB("MariaDB") {
        @Override
        public Fresh fresh(String name) {
            String database = "bench_" + name;
            admin(ADMIN_MARIADB, "root", "", "DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database);
            return new Fresh(this, name, "jdbc:mariadb://127.0.0.1:3306/" + database, "root", "", null);
        }

        @Override
        public String version() {
            return "MariaDB " + queryVersion(ADMIN_MARIADB, "root", "", "SELECT VERSION()");
        }
    };

    /**
     * The H2 URL settings of every system. Gamgee's embedded store uses the same durability and adds
     * settings that only decide when H2 writes over old space (see its {@code SCHEMA.md}).
     */
    public static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    private static final Path H2_ROOT = Path.of(System.getProperty("gamgee.bench.dir", "target/bench-data"));
    private static final String ADMIN_PG = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String ADMIN_MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";

    private final String displayName;

    Database(String displayName) {
        this.displayName = displayName;
    }

    /** Creates an empty database for one run of one system, named after {@code name}. */
    public abstract Fresh fresh(String name);

    /** The server's (or library's) version, for the report header. */
    public abstract String version();

    /** How the report names it. */
    public String displayName() {
        return displayName;
    }

    /** The command-line name: {@code h2}, {@code postgresql}, {@code mariadb}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name. */
    public static Database parse(String key) {
        for (Database database : values()) {
            if (database.key().equals(key) || (database == POSTGRESQL && key.equals("pg"))) {
                return database;
            }
        }
        throw new IllegalArgumentException("unknown database: " + key + " (known: h2, postgresql, mariadb)");
    }

    /**
     * An empty database: its JDBC coordinates and, for H2, the directory that holds its files.
     */
    public record Fresh(Database database, String name, String jdbcUrl, String user, String password, Path directory) {

        /** A HikariCP pool of {@code size} connections on this database. */
        public HikariDataSource pool(int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setPoolName("bench-" + name);
            if (database == POSTGRESQL) {
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            if (database == MARIADB) {
                config.addDataSourceProperty("rewriteBatchedStatements", "true");
            }
            return new HikariDataSource(config);
        }
    }

    private static void admin(String url, String user, String password, String... statements) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare a database at " + url + ": " + e.getMessage(), e);
        }
    }

    private static String queryVersion(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
