package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the store gets its JDBC connections: a {@code DataSource} or a Hibernate session factory. */
interface ConnectionSource extends AutoCloseable {

    /** A connection in auto-commit mode. */
    Connection open() throws SQLException;

    /** Gives a connection from {@link #open()} back. */
    void release(Connection connection) throws SQLException;

    /** Closes the pool if the store owns it. */
    @Override
    void close();
}
