package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connections from a {@link DataSource}; closes it on {@link #close()} only when the store made it. */
final class DataSourceConnections implements ConnectionSource {

    private final DataSource dataSource;
    private final boolean owned;

    DataSourceConnections(DataSource dataSource, boolean owned) {
        this.dataSource = dataSource;
        this.owned = owned;
    }

    @Override
    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public void close() {
        if (owned && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the store's connection pool failed", e);
            }
        }
    }
}
