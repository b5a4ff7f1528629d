package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs store operations on a connection from the {@link ConnectionSource}, in auto-commit mode or in
 * one transaction, and translates failures. Resolves the dialect, and creates the schema when told
 * to, on first use, so a store can be built while its database is still down.
 */
final class Jdbc {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Dialect dialect) throws SQLException;
    }

    private final ConnectionSource connections;
    private final Dialect configuredDialect;
    private final boolean createSchema;
    private volatile Dialect dialect;

    Jdbc(ConnectionSource connections, Dialect configuredDialect, boolean createSchema) {
        this.connections = connections;
        this.configuredDialect = configuredDialect;
        this.createSchema = createSchema;
    }

    /** Runs {@code work} with auto-commit: each statement commits on its own. */
    <T> T autoCommit(String operation, String instanceId, Work<T> work) {
        try {
            Connection connection = connections.open();
            try {
                return work.run(connection, dialect(connection));
            } finally {
                connections.release(connection);
            }
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(operation, instanceId, e);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(String operation, String instanceId, Work<T> work) {
        try {
            Connection connection = connections.open();
            try {
                Dialect resolved = dialect(connection);
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

    /** The dialect, once known (after the first successful call). */
    Dialect knownDialect() {
        return dialect;
    }

    private Dialect dialect(Connection connection) throws SQLException {
        Dialect resolved = dialect;
        if (resolved == null) {
            synchronized (this) {
                resolved = dialect;
                if (resolved == null) {
                    resolved = configuredDialect != null ? configuredDialect : Dialect.detect(connection.getMetaData());
                    if (createSchema) {
                        createSchema(connection, resolved);
                    }
                    dialect = resolved;
                }
            }
        }
        if (resolved == Dialect.MARIADB && connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            // InnoDB's default REPEATABLE READ takes gap locks on the claim index; concurrent
            // inserts and claims would then deadlock instead of skipping each other.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        return resolved;
    }

    private static void createSchema(Connection connection, Dialect dialect) throws SQLException {
        try {
            SchemaScript.apply(connection, dialect);
        } catch (SQLException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e;
            }
            // Nodes starting together race on CREATE ... IF NOT EXISTS (PostgreSQL can then report a
            // duplicate catalog entry); once the winner is done, running the script again is a no-op.
            SchemaScript.apply(connection, dialect);
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

    void close() {
        connections.close();
    }
}
