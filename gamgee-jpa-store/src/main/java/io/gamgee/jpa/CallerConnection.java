package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work on the connection of a transaction the caller owns, without committing or closing it. */
@FunctionalInterface
interface CallerConnection {

    /** Work on the caller's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T run(Work<T> work) throws SQLException;

    /** The connection itself. */
    static CallerConnection of(Connection connection) {
        return new CallerConnection() {
            @Override
            public <T> T run(Work<T> work) throws SQLException {
                return work.run(connection);
            }
        };
    }
}
