package io.gamgee.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcCounterTest {

    private final JdbcCounter counter = new JdbcCounter();
    private DataSource dataSource;
    private Connection keepAlive;

    @BeforeEach
    void createTable() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:counter-" + System.nanoTime());
        keepAlive = h2.getConnection();
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            statement.execute("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
        }
        dataSource = counter.wrap(h2);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    @Test
    void eachUpdateInAutoCommitIsACommitAndARoundTrip() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            for (int id = 1; id <= 3; id++) {
                update.setInt(1, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }

        assertCounts(3, 3);
    }

    @Test
    void aTransactionIsOneCommitAndItsModeSwitchesAreRoundTrips() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            connection.setAutoCommit(false);
            update.setInt(1, 1);
            update.executeUpdate();
            update.setInt(1, 2);
            update.executeUpdate();
            connection.commit();
            connection.setAutoCommit(true);
        }

        // setAutoCommit(false), 2 updates, commit, setAutoCommit(true)
        assertCounts(1, 5);
    }

    @Test
    void setAutoCommitCountsOnlyWhenItChangesTheMode() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            connection.setAutoCommit(false);
            connection.setAutoCommit(false);
            connection.setAutoCommit(true);
        }

        assertCounts(0, 2);
    }

    @Test
    void switchingBackToAutoCommitCommitsUncommittedWrites() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("UPDATE t SET v = 5 WHERE id = 1");
            connection.setAutoCommit(true);
        }

        assertCounts(1, 3);
        assertThat(value(1)).isEqualTo(5);
    }

    @Test
    void aRolledBackTransactionIsNoCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("UPDATE t SET v = 5 WHERE id = 1");
            connection.rollback();
            connection.setAutoCommit(true);
        }

        assertCounts(0, 4);
        assertThat(value(1)).isZero();
    }

    @Test
    void aQueryIsARoundTripButNoCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT v FROM t WHERE id = ?");
                Statement statement = connection.createStatement()) {
            select.setInt(1, 1);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
            }
            statement.executeQuery("  (SELECT COUNT(*) FROM t)").close();
        }

        assertCounts(0, 2);
    }

    @Test
    void executeCountsAsAWrite() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE t SET v = 1 WHERE id = 1");
        }

        assertCounts(1, 1);
    }

    @Test
    void aBatchIsOneRoundTripAndInAutoCommitOneCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            for (int id = 1; id <= 3; id++) {
                update.setInt(1, id);
                update.addBatch();
            }
            assertThat(update.executeBatch()).containsExactly(1, 1, 1);
        }
        assertCounts(1, 1);

        counter.reset();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            connection.setAutoCommit(false);
            for (int id = 1; id <= 3; id++) {
                update.setInt(1, id);
                update.addBatch();
            }
            update.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
        }
        assertCounts(1, 4);
    }

    @Test
    void aFailedStatementIsARoundTripButNoCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (1, 0)")).isInstanceOf(SQLException.class);
        }

        assertCounts(0, 1);
    }

    @Test
    void resetStartsFromZero() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
        }
        counter.reset();

        assertCounts(0, 0);
    }

    @Test
    void statementsHandBackTheCountedConnection() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.getConnection()).isSameAs(connection);
            assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
        }
    }

    @Test
    void onlyReadsAreQueriesThatCannotWrite() {
        assertThat(JdbcCounter.queryCanWrite("SELECT 1")).isFalse();
        assertThat(JdbcCounter.queryCanWrite(" (select * from t)")).isFalse();
        assertThat(JdbcCounter.queryCanWrite("WITH x AS (SELECT 1) SELECT * FROM x")).isFalse();
        assertThat(JdbcCounter.queryCanWrite("UPDATE t SET v = 1 RETURNING id")).isTrue();
        assertThat(JdbcCounter.queryCanWrite("WITH moved AS (UPDATE t SET v = 1 RETURNING id) SELECT * FROM moved"))
                .isTrue();
        assertThat(JdbcCounter.queryCanWrite("SELECT id FROM FINAL TABLE (UPDATE t SET v = 1)")).isTrue();
    }

    private void assertCounts(long commits, long roundTrips) {
        assertThat(counter.commits()).as("commits").isEqualTo(commits);
        assertThat(counter.roundTrips()).as("round trips").isEqualTo(roundTrips);
    }

    private int value(int id) throws SQLException {
        try (Statement statement = keepAlive.createStatement();
                ResultSet row = statement.executeQuery("SELECT v FROM t WHERE id = " + id)) {
            row.next();
            return row.getInt(1);
        }
    }
}
