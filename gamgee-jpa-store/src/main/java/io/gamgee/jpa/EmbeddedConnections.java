package io.gamgee.jpa;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Connections of the embedded H2 store. Its first connection is opened directly as well as through
 * the pool: a database another JVM holds then fails at once with H2's own reason, instead of after
 * the pool's 30 s connection timeout with the reason buried in its cause.
 */
final class EmbeddedConnections implements ConnectionSource {

    private final HikariDataSource pool;
    private final DataSourceConnections connections;
    private volatile boolean opened;

    EmbeddedConnections(HikariDataSource pool) {
        this.pool = pool;
        this.connections = new DataSourceConnections(pool, true);
    }

    @Override
    public Connection open() throws SQLException {
        if (opened) {
            return connections.open();
        }
        // held until the pool has a connection: closing the database's last connection would close
        // (and, with DEFRAG_ALWAYS, compact) the database
        try (Connection probe = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            Connection connection = connections.open();
            opened = true;
            return connection;
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        connections.release(connection);
    }

    @Override
    public void close() {
        connections.close();
    }
}
