package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Gamgee's own tables, from the scripts the JPA store ships, for the limit (which updates the very
 * table Gamgee uses) and for the backlog rows W3 inserts behind the store's back.
 */
public final class GamgeeSchema {

    private GamgeeSchema() {
    }

    /** Runs the shipped schema script of {@code database}. */
    public static void create(DataSource dataSource, Database database) throws SQLException, IOException {
        String resource = "io/gamgee/jpa/schema/" + database.key() + ".sql";
        String script;
        try (InputStream in = GamgeeSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the JPA store ships no schema script " + resource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** Binds an instant the way the store stores it: zoned where the column is, UTC elsewhere. */
    public static void bind(PreparedStatement statement, int index, Instant instant, Database database)
            throws SQLException {
        if (database == Database.MARIADB) {
            statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    /**
     * Inserts {@code count} waiting instances of {@code workflowType} that are not due before
     * {@code runAfter}, in batches of 5,000 rows per transaction.
     */
    public static void insertWaiting(DataSource dataSource, Database database, String workflowType, String diagramHash,
            int count, Instant runAfter, String idPrefix) throws SQLException {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO gamgee_instance (instance_id, "
                        + "workflow_type, step, payload, status, attempts, run_after, claimable_at, diagram_hash, "
                        + "version, created_at, updated_at) VALUES (?, ?, 'a', ?, 'WAITING', 0, ?, ?, ?, 0, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, idPrefix + i);
                insert.setString(2, workflowType);
                insert.setString(3, "{\"n\":" + i + "}");
                bind(insert, 4, runAfter, database);
                bind(insert, 5, runAfter, database);
                insert.setString(6, diagramHash);
                bind(insert, 7, now, database);
                bind(insert, 8, now, database);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
