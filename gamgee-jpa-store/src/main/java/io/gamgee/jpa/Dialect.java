package io.gamgee.jpa;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the store knows, to name one in {@link JpaStateStore.Builder#dialect(Dialect)}.
 * How each differs from the others is said in one class per database ({@code H2Vendor},
 * {@code PostgresVendor}, {@code MariaDbVendor}, {@code GenericVendor}).
 */
public enum Dialect {
    /**
     * H2 2.2.220 or later (embedded or server). Claims are optimistic: H2's {@code FOR UPDATE} reads
     * (and locks) every matching row before it applies {@code LIMIT}, whatever the index.
     */
    H2(new H2Vendor()),
    /** PostgreSQL 12 or later. */
    POSTGRESQL(new PostgresVendor()),
    /** MariaDB 10.6 or later, InnoDB; instants are stored as UTC {@code DATETIME(6)}. */
    MARIADB(new MariaDbVendor()),
    /**
     * Any other database with a compatible schema created by hand: claims are purely optimistic and
     * instants are bound as {@code TIMESTAMP WITH TIME ZONE}.
     */
    GENERIC(new GenericVendor());

    private final Vendor vendor;

    Dialect(Vendor vendor) {
        this.vendor = vendor;
    }

    /** Recognizes the database behind a connection from its product name. */
    public static Dialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (dialect.vendor.recognizes(product)) {
                return dialect;
            }
        }
        return GENERIC;
    }

    /** How this database differs from the others. */
    Vendor vendor() {
        return vendor;
    }
}
