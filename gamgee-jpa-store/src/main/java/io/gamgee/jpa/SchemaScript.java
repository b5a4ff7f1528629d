package io.gamgee.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shipped schema script of a database (the scripts are idempotent, {@code IF NOT EXISTS}),
 * and checks that the tables are there.
 */
final class SchemaScript {

    private SchemaScript() {
    }

    static void apply(Connection connection, Vendor vendor) throws SQLException {
        String resource = vendor.schemaResource();
        if (resource == null) {
            throw new SQLException("Gamgee ships no schema for this database ("
                    + connection.getMetaData().getDatabaseProductName()
                    + "); create the tables described in SCHEMA.md yourself and build the store with createSchema(false)");
        }
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(resource)) {
                statement.execute(sql);
            }
        } finally {
            if (!autoCommit) {
                connection.commit();
            }
        }
    }

    /**
     * Reads every table once: a missing one fails with the database's "undefined table" error, a
     * table of an older schema (without the columns of forks) with its "undefined column" error;
     * tables of the second schema, without {@code gamgee_event}, fail on that table.
     */
    static void verify(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM gamgee_instance WHERE 1 = 0").close();
            statement.executeQuery("SELECT " + String.join(", ", SqlErrors.SCHEMA_2_COLUMNS)
                    + " FROM gamgee_instance WHERE 1 = 0").close();
            statement.executeQuery("SELECT COUNT(*) FROM gamgee_step_history WHERE 1 = 0").close();
            statement.executeQuery("SELECT COUNT(*) FROM gamgee_event WHERE 1 = 0").close();
        }
    }

    /** The script's statements, without comments, split at semicolons that end a line. */
    static List<String> statements(String resource) {
        String script = read(resource);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
