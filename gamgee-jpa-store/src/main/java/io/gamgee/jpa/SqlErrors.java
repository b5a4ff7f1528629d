package io.gamgee.jpa;

import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns JDBC failures into the store's exceptions: lost connections become retryable and say so.
 * Standard SQLSTATEs are read here, each database's own codes in its {@link Vendor}; every vendor is
 * asked, since a connection can fail before the store knows which database it talks to.
 */
final class SqlErrors {

    /** Serialization failure, rollback, timeout: the same call may succeed again. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40000", "HYT00");

    /** The columns the second schema (forks and joins) added to {@code gamgee_instance}. */
    static final List<String> SCHEMA_2_COLUMNS =
            List.of("parent_id", "branch_index", "pending_branches", "failed_branches");

    /** Undefined column: PostgreSQL's, and the standard one H2 and MariaDB use. */
    private static final Set<String> MISSING_COLUMN_STATES = Set.of("42703", "42S22");

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
        String misconfiguration = misconfiguration(error);
        if (misconfiguration != null) {
            return new StoreConfigurationException(misconfiguration + " (" + what + " failed: "
                    + rootMessage(error) + ")", error);
        }
        if (isConnectionFailure(error)) {
            return new StoreUnavailableException(
                    what + " failed: the database is unreachable (" + error.getMessage() + ")", error);
        }
        return new StoreException(what + " failed: " + error.getMessage(), error, isTransient(error));
    }

    /**
     * What is wrong with the configuration, and what to do, when {@code error} says that the
     * store cannot work as configured; {@code null} for any other failure.
     */
    static String misconfiguration(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No suitable driver") || message.startsWith("Failed to get driver instance")) {
                return "no JDBC driver accepts the store's URL: check the URL (jdbc:postgresql://…, "
                        + "jdbc:mariadb://…, jdbc:h2:…) and that the driver (org.postgresql:postgresql, "
                        + "org.mariadb.jdbc:mariadb-java-client, com.h2database:h2) is on the class path";
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                boolean missingTable = state.equals("42S02") || anyVendor(v -> v.missingTable(sql));
                if (missingTable && message.toLowerCase(java.util.Locale.ROOT).contains("gamgee_event")) {
                    return "Gamgee's tables are of an older version, without the table of events (gamgee_event): "
                            + "let the store upgrade them (JpaStateStore.builder().createSchema(true), "
                            + "gamgee.store.create-schema=true) or run the migration V3__gamgee_events.sql (Flyway) "
                            + "or the changeSet gamgee-schema-3 (Liquibase); see SCHEMA.md";
                }
                if (missingTable && mentionsGamgeeTables(message)) {
                    return "Gamgee's tables do not exist in the store's database: let the store create them "
                            + "(JpaStateStore.builder().createSchema(true), gamgee.store.create-schema=true) or run "
                            + "the shipped migrations (see SCHEMA.md)";
                }
                if (MISSING_COLUMN_STATES.contains(state) && mentionsSchema2Column(message)) {
                    return "Gamgee's tables are of an older version, without the columns of forks and joins: let "
                            + "the store upgrade them (JpaStateStore.builder().createSchema(true), "
                            + "gamgee.store.create-schema=true) or run the migrations V2__gamgee_forks.sql and "
                            + "V3__gamgee_events.sql (Flyway) or the changeSets gamgee-schema-2 and gamgee-schema-3 "
                            + "(Liquibase); see SCHEMA.md";
                }
                if (anyVendor(v -> v.heldByAnotherProcess(sql))) {
                    return "the embedded database is open in another process, and only one JVM may open it: stop "
                            + "that process, or give this one a directory of its own (JpaStateStore.h2(dir), "
                            + "gamgee.store.directory); to share the work between JVMs use PostgreSQL or MariaDB";
                }
                if (state.startsWith("28") || anyVendor(v -> v.refusedCredentials(sql))) {
                    return "the database refused the store's credentials: check the user and password";
                }
                if (anyVendor(v -> v.unknownDatabase(sql))) {
                    return "the database named in the store's URL does not exist: create it or fix the URL";
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static boolean mentionsGamgeeTables(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("gamgee_instance") || lower.contains("gamgee_step_history");
    }

    private static boolean mentionsSchema2Column(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return SCHEMA_2_COLUMNS.stream().anyMatch(lower::contains);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
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
                if (state != null && (state.startsWith("08") || anyVendor(v -> v.lostConnection(sql)))) {
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
                    && (TRANSIENT_STATES.contains(sql.getSQLState()) || anyVendor(v -> v.transientFailure(sql)))) {
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
        return "23505".equals(error.getSQLState()) || anyVendor(v -> v.duplicateKey(error));
    }

    private static boolean anyVendor(Predicate<Vendor> says) {
        for (Dialect dialect : Dialect.values()) {
            if (says.test(dialect.vendor())) {
                return true;
            }
        }
        return false;
    }
}
