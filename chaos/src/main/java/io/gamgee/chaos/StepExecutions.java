package io.gamgee.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Counts every execution of a step in {@code chaos_step_execution}, keyed by instance and step. It
 * stands for the outside service a step calls: an execution counted here is one the outside world
 * saw, whether or not its transition was written afterwards. A call that cannot reach the database
 * is tried again for up to a minute, as a client of a restarting service would, so that the
 * database restart tests the engine and not this stand-in.
 */
final class StepExecutions {

    static final String TABLE = "chaos_step_execution";

    static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (instance_id VARCHAR(255) NOT NULL, "
            + "step VARCHAR(200) NOT NULL, executions INTEGER NOT NULL, PRIMARY KEY (instance_id, step))";

    private static final String RECORD = "INSERT INTO " + TABLE + " (instance_id, step, executions) VALUES (?, ?, 1) "
            + "ON CONFLICT (instance_id, step) DO UPDATE SET executions = " + TABLE + ".executions + 1 "
            + "RETURNING executions";

    private static final long GIVE_UP_MILLIS = 60_000;

    private final DataSource dataSource;

    StepExecutions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one more execution of {@code step} for {@code instanceId}; returns how many there have been. */
    int record(String instanceId, String step) throws SQLException, InterruptedException {
        long giveUpAt = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (true) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(RECORD)) {
                statement.setString(1, instanceId);
                statement.setString(2, step);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            } catch (SQLException e) {
                if (System.currentTimeMillis() > giveUpAt) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
