package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.NewInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL and MariaDB an OLDEST claim passes over a row that another transaction has locked
 * and takes the next one, instead of waiting for the lock.
 */
class SkipLockedTest {

    @Test
    void postgresSkipsALockedRow() throws Exception {
        claimPassesOverALockedRow(Databases.postgres());
    }

    @Test
    void mariadbSkipsALockedRow() throws Exception {
        claimPassesOverALockedRow(Databases.mariadb());
    }

    private static void claimPassesOverALockedRow(DataSource dataSource) throws Exception {
        try (JpaStateStore store = JpaStateStore.builder().dataSource(dataSource).createSchema(true).build()) {
            String type = "Locked" + UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            store.insert(new NewInstance(type + "-a", type, "s", "{}", now.minusSeconds(2), null, "h", now));
            store.insert(new NewInstance(type + "-b", type, "s", "{}", now.minusSeconds(1), null, "h", now));

            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement(
                        "SELECT version FROM gamgee_instance WHERE instance_id = ? FOR UPDATE")) {
                    lock.setString(1, type + "-a");
                    lock.executeQuery().close();
                }
                // the guard only stops a claim that waits for the lock from hanging the build
                Claim claim = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> store.claim(
                        Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60)).orElseThrow());
                assertThat(claim.instanceId()).isEqualTo(type + "-b");
                other.rollback();
            }
            assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plusSeconds(60))
                    .orElseThrow().instanceId()).isEqualTo(type + "-a");
        }
    }
}
