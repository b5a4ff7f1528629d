package io.gamgee.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Connections from the pool behind an application's Hibernate persistence unit, so the store and the
 * application share one pool. The application owns the pool; {@link #close()} leaves it open.
 */
final class SessionFactoryConnections implements ConnectionSource {

    private final ConnectionProvider provider;

    SessionFactoryConnections(EntityManagerFactory entityManagerFactory) {
        // hibernate-core is an optional dependency: without it the unit has another provider
        try {
            Class.forName("org.hibernate.engine.spi.SessionFactoryImplementor", false,
                    SessionFactoryConnections.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("JpaStateStore.create(EntityManagerFactory) needs a Hibernate ORM "
                    + "persistence unit, and Hibernate ORM (org.hibernate.orm:hibernate-core) is not on the class "
                    + "path; with another provider use JpaStateStore.create(DataSource)");
        }
        SessionFactoryImplementor sessionFactory;
        try {
            sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JpaStateStore.create(EntityManagerFactory) needs a Hibernate ORM "
                    + "persistence unit; with another provider use JpaStateStore.create(DataSource)", e);
        }
        this.provider = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class);
    }

    @Override
    public Connection open() throws SQLException {
        Connection connection = provider.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void release(Connection connection) throws SQLException {
        provider.closeConnection(connection);
    }

    @Override
    public void close() {
    }
}
