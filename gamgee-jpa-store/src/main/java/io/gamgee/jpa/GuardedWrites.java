package io.gamgee.jpa;

import io.gamgee.core.store.Claim;
import io.gamgee.core.store.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes to a claimed row, guarded by the claimed version, with or without its history row. Where
 * the {@link Vendor} {@linkplain Vendor#writesTransitionInOneStatement() can}, the update and the
 * history row are one statement (a data-modifying {@code WITH}) in auto-commit, so a step costs a
 * single round trip; elsewhere they are two statements in one transaction. Transitions that several
 * threads write at the same moment may share a transaction instead (see {@link GroupCommit}).
 */
final class GuardedWrites {

    /** Binds the parameters of a {@code SET} clause, from {@code index}; returns the next free index. */
    @FunctionalInterface
    interface Changes {
        int bind(PreparedStatement statement, Vendor vendor, int index) throws SQLException;
    }

    /** The placeholders of a history row after its instance id, bound by {@link #bindHistory}. */
    static final String HISTORY_VALUES = "?, ?, ?, ?, ?, ?, ?, ?";

    /** A history row: the instance id, then {@link #HISTORY_VALUES}. */
    static final String INSERT_HISTORY = "INSERT INTO gamgee_step_history (" + InstanceRows.HISTORY_COLUMNS
            + ") VALUES (?, " + HISTORY_VALUES + ")";

    private GuardedWrites() {
    }

    /**
     * Applies {@code set} to the claimed instance and records {@code record}, or nothing if the claim
     * was lost; written with the transitions other threads of the store write at the same moment
     * (see {@link GroupCommit}).
     *
     * @return whether the transition happened
     */
    static boolean apply(Jdbc jdbc, String operation, Claim claim, String set, Changes changes, StepRecord record) {
        return jdbc.groupCommit().apply(new GroupCommit.Write(operation, claim, set, changes, record));
    }

    /** {@link #apply} in a statement or transaction of its own. */
    static boolean applyAlone(Jdbc jdbc, String operation, Claim claim, String set, Changes changes,
            StepRecord record) {
        Vendor known = jdbc.knownVendor();
        if (known != null && known.writesTransitionInOneStatement()) {
            return jdbc.autoCommit(operation, claim.instanceId(), false, (connection, vendor) -> inOneStatement(
                    connection, vendor, claim, set, changes, record));
        }
        // before the database is known, a transaction is right for either way
        return jdbc.inTransaction(operation, claim.instanceId(), false, (connection, vendor) ->
                vendor.writesTransitionInOneStatement()
                        ? inOneStatement(connection, vendor, claim, set, changes, record)
                        : inTwoStatements(connection, vendor, claim, set, changes, record));
    }

    /** Applies {@code set} to the claimed instance without recording anything. */
    static boolean update(Connection connection, Vendor vendor, Claim claim, String set, Changes changes)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(guardedUpdate(set))) {
            bindGuarded(statement, vendor, claim, changes);
            return statement.executeUpdate() == 1;
        }
    }

    /** Binds {@code changes} and the claim's guard; returns the next free index. */
    static int bindGuarded(PreparedStatement statement, Vendor vendor, Claim claim, Changes changes)
            throws SQLException {
        int index = changes.bind(statement, vendor, 1);
        statement.setString(index++, claim.instanceId());
        statement.setLong(index++, claim.version());
        return index;
    }

    private static boolean inOneStatement(Connection connection, Vendor vendor, Claim claim, String set,
            Changes changes, StepRecord record) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(updateAndRecord(set))) {
            bindHistory(statement, vendor, bindGuarded(statement, vendor, claim, changes), record);
            return statement.executeUpdate() == 1;
        }
    }

    private static boolean inTwoStatements(Connection connection, Vendor vendor, Claim claim, String set,
            Changes changes, StepRecord record) throws SQLException {
        if (!update(connection, vendor, claim, set, changes)) {
            return false;
        }
        record(connection, vendor, claim.instanceId(), record);
        return true;
    }

    /** Inserts the history row of {@code instanceId}, in the caller's transaction. */
    static void record(Connection connection, Vendor vendor, String instanceId, StepRecord record)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_HISTORY)) {
            statement.setString(1, instanceId);
            bindHistory(statement, vendor, 2, record);
            statement.executeUpdate();
        }
    }

    /** The guarded update of {@code set}: its parameters, then the instance id and the claimed version. */
    static String guardedUpdate(String set) {
        return "UPDATE gamgee_instance SET " + set + ", version = version + 1 WHERE instance_id = ? AND version = ?";
    }

    /**
     * The guarded update of {@code set} and the history row of the instance it moved, as one
     * statement, where the {@link Vendor#writesTransitionInOneStatement() database can}: its update
     * count is the history rows written, 1 if the claim held and 0 if not.
     */
    static String updateAndRecord(String set) {
        return "WITH moved AS (" + guardedUpdate(set) + " RETURNING instance_id) "
                + "INSERT INTO gamgee_step_history (" + InstanceRows.HISTORY_COLUMNS + ") "
                + "SELECT instance_id, " + HISTORY_VALUES + " FROM moved";
    }

    /** Binds {@code record} to {@link #HISTORY_VALUES} from {@code index} on. */
    static void bindHistory(PreparedStatement statement, Vendor vendor, int index, StepRecord record)
            throws SQLException {
        statement.setString(index, record.step());
        statement.setInt(index + 1, record.attempt());
        statement.setString(index + 2, record.workerId());
        vendor.bind(statement, index + 3, record.startedAt());
        vendor.bind(statement, index + 4, record.finishedAt());
        statement.setString(index + 5, record.outcome().name());
        statement.setString(index + 6, record.nextStep());
        statement.setString(index + 7, record.error());
    }
}
