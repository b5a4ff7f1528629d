package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How one database differs from the others; every vendor-specific choice of the store is a method
 * here, overridden by the database's own class. The defaults are standard SQL, which is what
 * {@link GenericVendor} uses unchanged. The SQL of each concern stays with the concern
 * ({@link Claims}, {@link Transitions}, {@link Queries}, {@link SchemaScript}); a vendor picks among
 * its ways and adds its own fragments.
 */
abstract class Vendor {

    /** The selector users name this database by. */
    abstract Dialect dialect();

    /** Whether a lower-case product name from the driver's metadata is this database. */
    abstract boolean recognizes(String product);

    /** The classpath resource of the shipped schema script, or {@code null} if none is shipped. */
    abstract String schemaResource();

    /** The precision every stored instant has; values handed back are truncated the same way. */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds an instant, or SQL {@code NULL}; by default as {@code TIMESTAMP WITH TIME ZONE} in UTC. */
    void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
    }

    /** Reads an instant bound by {@link #bind}. */
    Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Sets up a connection before each use (isolation, session settings), except for writes guarded
     * by a claimed row's primary key and version, which need none.
     */
    void prepare(Connection connection) throws SQLException {
    }

    /**
     * How many transactions of transitions a store has in flight at once by default while few
     * transitions are written at once (see {@link GroupCommit}): transitions that find them all
     * busy share the next one.
     * {@link Integer#MAX_VALUE} writes every transition in a commit of its own.
     */
    int concurrentCommits() {
        return 2;
    }

    /** What ends the insert of a new instance so that an existing id is not an error, or {@code ""}. */
    String onDuplicateId() {
        return "";
    }

    /** How this database claims with {@code strategy}; by default optimistically. */
    ClaimMethod claimMethod(FetchStrategy strategy) {
        return ClaimMethod.OPTIMISTIC;
    }

    /**
     * Whether {@link ClaimQuery} and lists order by the index columns the filter fixes, so that the
     * database reads the index in order.
     */
    boolean ordersByIndexPrefix() {
        return false;
    }

    /** An index hint after the table name of a claim's candidate query, or {@code ""}. */
    String claimIndexHint(QueryFilter filter) {
        return "";
    }

    /** Whether a transition and its history row are one statement (else two, in one transaction). */
    boolean writesTransitionInOneStatement() {
        return false;
    }

    /**
     * The condition that leaves branches out of a query on a claim index's range ({@code list},
     * {@code count}, retention): checked on each row of the range, never an index lookup of its own,
     * since nearly every row has no parent.
     */
    String workflowsOnly() {
        return "parent_id IS NULL";
    }

    /**
     * Whether an {@code UPDATE} hands back what it wrote ({@code UPDATE … RETURNING}); else the store
     * reads the row again with {@code SELECT … FOR UPDATE}, a current read of the row it holds locked.
     */
    boolean updateReturns() {
        return false;
    }

    /** Whether {@code error} says the connection or the server is gone, beyond SQLSTATE class 08. */
    boolean lostConnection(SQLException error) {
        return false;
    }

    /** Whether {@code error} says another process holds the database (an embedded file). */
    boolean heldByAnotherProcess(SQLException error) {
        return false;
    }

    /** Whether {@code error} is an undefined table, beyond the standard {@code 42S02}. */
    boolean missingTable(SQLException error) {
        return false;
    }

    /** Whether {@code error} refused the credentials, beyond SQLSTATE class 28. */
    boolean refusedCredentials(SQLException error) {
        return false;
    }

    /** Whether {@code error} names a database that does not exist. */
    boolean unknownDatabase(SQLException error) {
        return false;
    }

    /** Whether the same call may succeed again, beyond serialization failures and timeouts. */
    boolean transientFailure(SQLException error) {
        return false;
    }

    /** Whether {@code error} is a duplicate primary key, beyond the standard {@code 23505}. */
    boolean duplicateKey(SQLException error) {
        return false;
    }

    @Override
    public String toString() {
        return dialect().name();
    }
}
