package io.gamgee.jpa;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * An application JVM that saves an order and submits its workflow in one transaction, prints
 * {@code SUBMITTED} and hangs before committing, until the test kills it.
 *
 * <pre>SubmitThenHang &lt;jdbc-url&gt; &lt;user&gt; &lt;order-id&gt;</pre>
 */
public final class SubmitThenHang {

    private SubmitThenHang() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[2];
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO shop_order (id) VALUES (?)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(args[0]);
            pool.setUsername(args[1]);
            JpaStateStore store = JpaStateStore.create(pool);
            WorkflowRegistry registry = WorkflowRegistry.of(ShipmentWorkflow::new);
            WorkflowClient.create(store, registry).joining(store.joining(connection))
                    .submit(ShipmentWorkflow.class, new ReservePayload(id), id);
            System.out.println("SUBMITTED " + id);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
