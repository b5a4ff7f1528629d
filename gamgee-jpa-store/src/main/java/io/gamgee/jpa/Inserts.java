package io.gamgee.jpa;

import io.gamgee.core.store.NewInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Inserts new instances, free or already leased; the same id twice is one row. */
final class Inserts {

    private static final String INSERT = "INSERT INTO gamgee_instance (instance_id, workflow_type, step, payload, "
            + "status, attempts, run_after, claimable_at, lease_owner, lease_until, trace_context, diagram_hash, "
            + "version, created_at, updated_at) VALUES (?, ?, ?, ?, 'WAITING', 0, ?, ?, ?, ?, ?, ?, 0, ?, ?)";

    private final Jdbc jdbc;

    Inserts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row, leased to {@code leaseOwner} if not {@code null}; false if the id exists. */
    boolean insert(String operation, NewInstance instance, String leaseOwner, Instant leaseUntil) {
        return jdbc.autoCommit(operation, instance.instanceId(), (connection, vendor) ->
                insert(connection, vendor, instance, leaseOwner, leaseUntil));
    }

    /**
     * Inserts on {@code connection} without committing, so that it can run in a transaction that
     * is not the store's.
     */
    static boolean insert(Connection connection, Vendor vendor, NewInstance instance, String leaseOwner,
            Instant leaseUntil) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT + vendor.onDuplicateId())) {
            statement.setString(1, instance.instanceId());
            statement.setString(2, instance.workflowType());
            statement.setString(3, instance.step());
            statement.setString(4, instance.payload());
            vendor.bind(statement, 5, instance.runAfter());
            // a leased row is due again when its lease expires, like a claimed one
            vendor.bind(statement, 6, leaseUntil != null ? leaseUntil : instance.runAfter());
            statement.setString(7, leaseOwner);
            vendor.bind(statement, 8, leaseUntil);
            statement.setString(9, instance.traceContext());
            statement.setString(10, instance.diagramHash());
            vendor.bind(statement, 11, instance.createdAt());
            vendor.bind(statement, 12, instance.createdAt());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The instance as stored: its instants at the database's precision. */
    static NewInstance stored(NewInstance instance) {
        return new NewInstance(instance.instanceId(), instance.workflowType(), instance.step(), instance.payload(),
                Vendor.stored(instance.runAfter()), instance.traceContext(), instance.diagramHash(),
                Vendor.stored(instance.createdAt()));
    }
}
