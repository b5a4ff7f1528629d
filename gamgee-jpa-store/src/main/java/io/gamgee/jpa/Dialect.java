package io.gamgee.jpa;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The databases the store knows. Each knows its schema script, whether it can claim with
 * {@code FOR UPDATE SKIP LOCKED}, and how it stores instants.
 */
public enum Dialect {
    /**
     * H2 2.2.220 or later (embedded or server). Claims are optimistic: H2's {@code FOR UPDATE} reads
     * (and locks) every matching row before it applies {@code LIMIT}, whatever the index.
     */
    H2("h2", false, true),
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql", true, true),
    /** MariaDB 10.6 or later, InnoDB; instants are stored as UTC {@code DATETIME(6)}. */
    MARIADB("mariadb", true, false),
    /**
     * Any other database with a compatible schema created by hand: claims are purely optimistic and
     * instants are bound as {@code TIMESTAMP WITH TIME ZONE}.
     */
    GENERIC(null, false, true);

    private final String scriptName;
    private final boolean skipLocked;
    private final boolean zonedTimestamps;

    Dialect(String scriptName, boolean skipLocked, boolean zonedTimestamps) {
        this.scriptName = scriptName;
        this.skipLocked = skipLocked;
        this.zonedTimestamps = zonedTimestamps;
    }

    /** Recognizes the database behind a connection from its product name. */
    public static Dialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb")) {
            return MARIADB;
        }
        return GENERIC;
    }

    /** The classpath resource holding this database's schema, or {@code null} for {@link #GENERIC}. */
    String schemaResource() {
        return scriptName == null ? null : "io/gamgee/jpa/schema/" + scriptName + ".sql";
    }

    /** Whether claims lock their candidate with {@code FOR UPDATE SKIP LOCKED}. */
    boolean skipLocked() {
        return skipLocked;
    }

    /** The precision every stored instant has; values handed back are truncated the same way. */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, zonedTimestamps ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (zonedTimestamps) {
            statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
    }

    Instant instant(ResultSet row, String column) throws SQLException {
        if (zonedTimestamps) {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
