package com.example;

import io.gamgee.core.WorkflowClient;
import io.gamgee.jpa.JpaStateStore;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * What README's statement snippets ({@code <!-- snippet: statements -->}) take as given: each such
 * snippet is the body of a method of a subclass of this one.
 */
public abstract class ReadmeContext {
    protected JpaStateStore store;
    protected WorkflowClient client;
    protected DataSource dataSource;
    protected EntityManagerFactory entityManagerFactory;
    protected Order order;

    /** The application's own write that README's transaction snippet commits with the submit. */
    protected void insertOrder(Connection connection, Order order) {
    }
}
