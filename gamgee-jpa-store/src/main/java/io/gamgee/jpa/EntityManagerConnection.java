package io.gamgee.jpa;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

/**
 * The connection of an entity manager's current transaction, through Hibernate ORM's
 * {@code Session.doReturningWork}. Loaded only by {@link JpaStateStore#joining(EntityManager)}, so
 * Hibernate stays optional.
 */
final class EntityManagerConnection {

    private EntityManagerConnection() {
    }

    static CallerConnection of(EntityManager entityManager) {
        try {
            Class.forName("org.hibernate.Session", false, EntityManagerConnection.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("JpaStateStore.joining(EntityManager) needs Hibernate ORM "
                    + "(org.hibernate.orm:hibernate-core); with another provider, join through the transaction's "
                    + "java.sql.Connection with joining(Connection)");
        }
        Session session = entityManager.unwrap(Session.class);
        return new CallerConnection() {
            @Override
            public <T> T run(Work<T> work) {
                return session.doReturningWork(work::run);
            }
        };
    }
}
