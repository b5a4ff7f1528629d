package io.gamgee.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/** The run's PostgreSQL database: created afresh, queried with short-lived connections that survive a server restart. */
final class ChaosDatabase {

    private final ChaosOptions options;

    ChaosDatabase(ChaosOptions options) {
        this.options = options;
        DriverManager.setLoginTimeout(5);
    }

    /** Drops the run's database, ending any connections left by an earlier run, and creates it empty. */
    void recreate() throws SQLException {
        try (Connection connection = DriverManager.getConnection(options.server() + "/postgres", options.user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(options.url(), options.user(), "");
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** When the server last started; a restart changes it. */
    OffsetDateTime serverStartedAt() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_postmaster_start_time()")) {
            row.next();
            return row.getObject(1, OffsetDateTime.class);
        }
    }

    String serverVersion() throws SQLException {
        try (Connection connection = connect()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }
}
