package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs store operations on a connection from the {@link ConnectionSource}, in auto-commit mode or in
 * one transaction, and translates failures. Resolves the {@link Vendor}, and creates the schema when
 * told to, on first use, so a store can be built while its database is still down.
 */
final class Jdbc {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Vendor vendor) throws SQLException;
    }

    private final ConnectionSource connections;
    private final Vendor configuredVendor;
    private final boolean createSchema;
    private volatile Vendor vendor;
    private final GroupCommit groupCommit;

    /**
     * @param concurrentCommits transactions of transitions in flight at once, or 0 for the database's
     *     default (see {@link GroupCommit})
     */
    Jdbc(ConnectionSource connections, Vendor configuredVendor, boolean createSchema, int concurrentCommits) {
        this.connections = connections;
        this.configuredVendor = configuredVendor;
        this.createSchema = createSchema;
        this.groupCommit = new GroupCommit(this, concurrentCommits);
    }

    /** Where the store's transitions are written, together when several are ready at once. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    /** Runs {@code work} with auto-commit: each statement commits on its own. */
    <T> T autoCommit(String operation, String instanceId, Work<T> work) {
        return autoCommit(operation, instanceId, true, work);
    }

    /**
     * Runs {@code work} with auto-commit.
     *
     * @param prepared whether the connection gets the {@linkplain Vendor#prepare session settings} claims
     *     need; a write guarded by a row's primary key and version does not
     */
    <T> T autoCommit(String operation, String instanceId, boolean prepared, Work<T> work) {
        try {
            Connection connection = connections.open();
            try {
                return work.run(connection, vendor(connection, prepared));
            } finally {
                connections.release(connection);
            }
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(operation, instanceId, e);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(String operation, String instanceId, Work<T> work) {
        return inTransaction(operation, instanceId, true, work);
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @param prepared as for {@link #autoCommit(String, String, boolean, Work)}
     */
    <T> T inTransaction(String operation, String instanceId, boolean prepared, Work<T> work) {
        try {
            Connection connection = connections.open();
            try {
                Vendor resolved = vendor(connection, prepared);
                connection.setAutoCommit(false);
                T result;
                try {
                    result = work.run(connection, resolved);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    restoreAutoCommitQuietly(connection, e);
                    throw e;
                }
                connection.setAutoCommit(true);
                return result;
            } finally {
                connections.release(connection);
            }
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(operation, instanceId, e);
        }
    }

    /**
     * The database behind a connection the store does not own (a caller's, in the caller's
     * transaction): the known or configured one, else detected. The connection is left as it is.
     */
    Vendor vendorOf(Connection connection) throws SQLException {
        Vendor resolved = vendor != null ? vendor : configuredVendor;
        return resolved != null ? resolved : Dialect.detect(connection.getMetaData()).vendor();
    }

    /** The database, once known (after the first successful call). */
    Vendor knownVendor() {
        return vendor;
    }

    private Vendor vendor(Connection connection, boolean prepared) throws SQLException {
        Vendor resolved = vendor;
        if (resolved == null) {
            synchronized (this) {
                resolved = vendor;
                if (resolved == null) {
                    resolved = configuredVendor != null ? configuredVendor
                            : Dialect.detect(connection.getMetaData()).vendor();
                    if (createSchema) {
                        createSchema(connection, resolved);
                    }
                    vendor = resolved;
                }
            }
        }
        if (prepared) {
            resolved.prepare(connection);
        }
        return resolved;
    }

    private static void createSchema(Connection connection, Vendor vendor) throws SQLException {
        try {
            SchemaScript.apply(connection, vendor);
        } catch (SQLException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e;
            }
            // Nodes starting together race on CREATE ... IF NOT EXISTS (PostgreSQL can then report a
            // duplicate catalog entry); once the winner is done, running the script again is a no-op.
            SchemaScript.apply(connection, vendor);
        }
    }

    /** Keeps the failure that matters: on a broken connection, restoring auto-commit fails too. */
    private static void restoreAutoCommitQuietly(Connection connection, Exception cause) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Compacts the embedded H2 file now; {@code false} for other connection sources. */
    boolean compactEmbeddedFile() {
        return connections instanceof EmbeddedConnections embedded && embedded.compact();
    }

    void close() {
        connections.close();
    }
}
