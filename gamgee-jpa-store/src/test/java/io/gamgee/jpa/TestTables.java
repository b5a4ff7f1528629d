package io.gamgee.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Clears rows that an earlier run of a test left behind on a shared server. */
final class TestTables {

    private TestTables() {
    }

    static void deleteType(DataSource dataSource, String workflowType) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement history = connection.prepareStatement("DELETE FROM gamgee_step_history "
                    + "WHERE instance_id IN (SELECT instance_id FROM gamgee_instance WHERE workflow_type = ?)")) {
                history.setString(1, workflowType);
                history.executeUpdate();
            }
            try (PreparedStatement instances = connection.prepareStatement(
                    "DELETE FROM gamgee_instance WHERE workflow_type = ?")) {
                instances.setString(1, workflowType);
                instances.executeUpdate();
            }
        }
    }
}
