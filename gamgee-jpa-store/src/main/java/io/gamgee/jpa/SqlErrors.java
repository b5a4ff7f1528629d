package io.gamgee.jpa;

import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Turns JDBC failures into the store's exceptions: lost connections become retryable and say so. */
final class SqlErrors {

    /** H2's codes for a connection or database that is gone (broken, closed, shutting down). */
    private static final Set<Integer> H2_CONNECTION_CODES = Set.of(90067, 90098, 90121, 90020);

    /** PostgreSQL: the server is shutting down, crashed, or not yet accepting connections. */
    private static final Set<String> SERVER_GONE_STATES = Set.of("57P01", "57P02", "57P03");

    /** Serialization failure, deadlock, lock wait timeout: the same call may succeed again. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "40000", "HYT00");

    private SqlErrors() {
    }

    /**
     * The exception to throw for a failed operation.
     *
     * @param operation what the store was doing, e.g. {@code claim}
     * @param instanceId the instance concerned, or {@code null}
     */
    static StoreException translate(String operation, String instanceId, Exception error) {
        String what = instanceId == null ? operation : operation + " of instance " + instanceId;
        if (isConnectionFailure(error)) {
            return new StoreUnavailableException(
                    what + " failed: the database is unreachable (" + error.getMessage() + ")", error);
        }
        return new StoreException(what + " failed: " + error.getMessage(), error, isTransient(error));
    }

    static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SERVER_GONE_STATES.contains(state))) {
                    return true;
                }
                if (H2_CONNECTION_CODES.contains(sql.getErrorCode()) && state != null && state.startsWith("90")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether the statement failed because the primary key already exists. */
    static boolean isDuplicateKey(SQLException error) {
        String state = error.getSQLState();
        return "23505".equals(state) || ("23000".equals(state) && error.getErrorCode() == 1062);
    }
}
