package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event sent in the application's own transaction is kept, and moves its instance on, if and
 * only if that transaction commits; one that meets an event with its id stored since the
 * transaction's snapshot was taken (the event table's primary key, not the store's check, finds
 * it) is a duplicate, and the transaction goes on. On each database.
 */
class EventsInTheCallersTransactionTest {

    private static HikariDataSource h2;

    @AfterAll
    static void closeH2() {
        if (h2 != null) {
            h2.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void anEventSentInARolledBackTransactionIsNotKeptAndMovesNothing(Dialect dialect) throws SQLException {
        DataSource dataSource = dataSource(dialect);
        try (JpaStateStore store = store(dataSource)) {
            String type = "Events" + UUID.randomUUID().toString().replace("-", "");
            String id = waiting(store, type);
            long version = store.find(id).orElseThrow().version();

            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                assertThat(store.joining(connection).deliver(captured(type, id, "evt-1")))
                        .isEqualTo(SendResult.DELIVERED);
                connection.rollback();
                connection.setAutoCommit(true);
            }
            assertThat(store.find(id).orElseThrow().step()).isEqualTo("paid");
            assertThat(store.find(id).orElseThrow().version()).isEqualTo(version);
            assertThat(events(dataSource, id)).isZero();

            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                assertThat(store.joining(connection).deliver(captured(type, id, "evt-1")))
                        .isEqualTo(SendResult.DELIVERED);
                connection.commit();
                connection.setAutoCommit(true);
            }
            assertThat(store.find(id).orElseThrow().step()).isEqualTo("ship");
            assertThat(store.history(id)).extracting(StepRecord::workerId).containsExactly("w", "event:evt-1");
            assertThat(store.deliver(captured(type, id, "evt-1"))).isEqualTo(SendResult.DUPLICATE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void anEventStoredSinceTheCallersSnapshotIsADuplicateAndTheTransactionGoesOn(Dialect dialect)
            throws SQLException {
        DataSource dataSource = dataSource(dialect);
        try (JpaStateStore store = store(dataSource)) {
            String type = "Events" + UUID.randomUUID().toString().replace("-", "");
            String id = type + "-1";
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            store.insert(new NewInstance(id, type, "first", "{}", now, null, "hash", now));

            try (Connection connection = dataSource.getConnection()) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setAutoCommit(false);
                // the caller's snapshot: taken before the other node's send commits
                assertThat(events(connection, id)).isZero();

                assertThat(store.deliver(captured(type, id, "evt-1"))).isEqualTo(SendResult.QUEUED);

                StateStore joined = store.joining(connection);
                assertThat(joined.deliver(captured(type, id, "evt-1"))).isEqualTo(SendResult.DUPLICATE);
                // the caller's reads still miss evt-1: the store's check could not see it, the key did
                assertThat(events(connection, id)).isZero();
                assertThat(joined.deliver(captured(type, id, "evt-2"))).isEqualTo(SendResult.QUEUED);
                connection.commit();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            assertThat(events(dataSource, id)).isEqualTo(2);
            assertThat(store.find(id).orElseThrow().version()).isZero();
        }
    }

    private static String waiting(JpaStateStore store, String type) {
        String id = type + "-1";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.insert(new NewInstance(id, type, "first", "{}", now, null, "hash", now));
        Claim claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60))
                .orElseThrow();
        store.await(claim, "paid", "{}", Map.of("captured", "ship"), null, "hash", null,
                new StepRecord(id, "first", 1, "w", now, now, StepRecord.Outcome.ADVANCED, "paid", null))
                .orElseThrow();
        return id;
    }

    private static EventDelivery captured(String type, String id, String eventId) {
        return new EventDelivery(id, type, "captured", eventId, "{\"via\":\"" + eventId + "\"}",
                Map.of("paid", "ship"), null, Instant.now());
    }

    private static long events(DataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return events(connection, id);
        }
    }

    private static long events(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM gamgee_event WHERE instance_id = ?")) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static JpaStateStore store(DataSource dataSource) {
        return JpaStateStore.builder().dataSource(dataSource).createSchema(true).purgeInterval(Duration.ZERO).build();
    }

    private static synchronized DataSource dataSource(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> Databases.postgres(Databases.WAIT_SCHEMA);
            case MARIADB -> Databases.mariadb(Databases.WAIT_SCHEMA);
            default -> {
                if (h2 == null) {
                    h2 = new HikariDataSource();
                    h2.setJdbcUrl("jdbc:h2:mem:gamgee_events_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
                    h2.setUsername("sa");
                    h2.setPassword("");
                }
                yield h2;
            }
        };
    }
}
