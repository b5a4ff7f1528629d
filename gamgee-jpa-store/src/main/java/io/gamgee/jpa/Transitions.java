package io.gamgee.jpa;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes one transition: the instance update guarded by the claimed version, and its history row,
 * atomically. On PostgreSQL both are one statement (a data-modifying {@code WITH}) in auto-commit,
 * so a step costs a single round trip; elsewhere they are two statements in one transaction.
 */
final class Transitions {

    /** Binds the parameters of a {@code SET} clause, from {@code index}; returns the next free index. */
    @FunctionalInterface
    interface Changes {
        int bind(PreparedStatement statement, Dialect dialect, int index) throws SQLException;
    }

    private static final String HISTORY_VALUES = "?, ?, ?, ?, ?, ?, ?, ?";

    private Transitions() {
    }

    /**
     * Applies {@code set} to the claimed instance and records {@code record}, or nothing if the claim
     * was lost.
     *
     * @return whether the transition happened
     */
    static boolean apply(Jdbc jdbc, String operation, Claim claim, String set, Changes changes, StepRecord record) {
        Dialect dialect = jdbc.knownDialect();
        if (dialect == Dialect.POSTGRESQL) {
            return jdbc.autoCommit(operation, claim.instanceId(), (connection, d) -> inOneStatement(
                    connection, d, claim, set, changes, record));
        }
        return jdbc.inTransaction(operation, claim.instanceId(), (connection, d) -> d == Dialect.POSTGRESQL
                ? inOneStatement(connection, d, claim, set, changes, record)
                : inTwoStatements(connection, d, claim, set, changes, record));
    }

    /** Applies {@code set} to the claimed instance without recording anything. */
    static boolean update(Connection connection, Dialect dialect, Claim claim, String set, Changes changes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(guardedUpdate(set))) {
            int index = changes.bind(statement, dialect, 1);
            statement.setString(index++, claim.instanceId());
            statement.setLong(index, claim.version());
            return statement.executeUpdate() == 1;
        }
    }

    private static boolean inOneStatement(Connection connection, Dialect dialect, Claim claim, String set,
            Changes changes, StepRecord record) throws SQLException {
        String sql = "WITH moved AS (" + guardedUpdate(set) + " RETURNING instance_id) "
                + "INSERT INTO gamgee_step_history (" + InstanceRows.HISTORY_COLUMNS + ") "
                + "SELECT instance_id, " + HISTORY_VALUES + " FROM moved";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = changes.bind(statement, dialect, 1);
            statement.setString(index++, claim.instanceId());
            statement.setLong(index++, claim.version());
            bindHistory(statement, dialect, index, record);
            return statement.executeUpdate() == 1;
        }
    }

    private static boolean inTwoStatements(Connection connection, Dialect dialect, Claim claim, String set,
            Changes changes, StepRecord record) throws SQLException {
        if (!update(connection, dialect, claim, set, changes)) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO gamgee_step_history ("
                + InstanceRows.HISTORY_COLUMNS + ") VALUES (?, " + HISTORY_VALUES + ")")) {
            statement.setString(1, claim.instanceId());
            bindHistory(statement, dialect, 2, record);
            statement.executeUpdate();
        }
        return true;
    }

    private static String guardedUpdate(String set) {
        return "UPDATE gamgee_instance SET " + set + ", version = version + 1 WHERE instance_id = ? AND version = ?";
    }

    private static void bindHistory(PreparedStatement statement, Dialect dialect, int index, StepRecord record)
            throws SQLException {
        statement.setString(index, record.step());
        statement.setInt(index + 1, record.attempt());
        statement.setString(index + 2, record.workerId());
        dialect.bind(statement, index + 3, record.startedAt());
        dialect.bind(statement, index + 4, record.finishedAt());
        statement.setString(index + 5, record.outcome().name());
        statement.setString(index + 6, record.nextStep());
        statement.setString(index + 7, record.error());
    }

    /** When a transition happened: the step's end, else its start, else the claim's last write. */
    static Instant time(Claim claim, StepRecord record) {
        if (record.finishedAt() != null) {
            return record.finishedAt();
        }
        if (record.startedAt() != null) {
            return record.startedAt();
        }
        return claim.instance().updatedAt() != null ? claim.instance().updatedAt() : claim.instance().runAfter();
    }
}
