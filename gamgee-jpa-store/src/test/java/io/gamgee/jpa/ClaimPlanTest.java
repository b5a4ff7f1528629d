package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim query reads the claim index in order and stops at the first row: the plan names the
 * index and has no sort of the backlog. Each database gets a backlog of waiting rows of one type
 * among finished rows of others.
 */
class ClaimPlanTest {

    private static final int BACKLOG = 20_000;

    @Test
    void h2ReadsTheClaimIndexInOrder(@TempDir Path dir) throws Exception {
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            store.count(Query.all(), null);
            com.zaxxer.hikari.HikariDataSource pool = EmbeddedH2.pool(dir, 1);
            try {
                List<String> plans = plans(pool, Dialect.H2, "EXPLAIN ANALYZE ", "ANALYZE");
                for (String plan : plans) {
                    assertThat(plan).containsIgnoringCase("GAMGEE_INSTANCE_CLAIM").contains("index sorted")
                            .containsPattern("scanCount: (\\d|1\\d) ");
                }
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void postgresReadsTheClaimIndexInOrder() throws Exception {
        DataSource dataSource = Databases.postgres();
        JpaStateStore.builder().dataSource(dataSource).createSchema(true).build().count(Query.all(), null);
        for (String plan : plans(dataSource, Dialect.POSTGRESQL, "EXPLAIN ", "ANALYZE gamgee_instance")) {
            assertThat(plan).contains("Index Scan").contains("gamgee_instance_claim").doesNotContain("Sort");
        }
    }

    @Test
    void mariadbReadsTheClaimIndexInOrder() throws Exception {
        DataSource dataSource = Databases.mariadb();
        JpaStateStore.builder().dataSource(dataSource).createSchema(true).build().count(Query.all(), null);
        for (String plan : plans(dataSource, Dialect.MARIADB, "EXPLAIN FORMAT=JSON ", "ANALYZE TABLE gamgee_instance")) {
            assertThat(plan).contains("\"access_type\": \"range\"").contains("\"key\": \"gamgee_instance_claim")
                    .doesNotContain("filesort");
        }
    }

    /** Fills the backlog and returns the plans of the OLDEST, NEWEST and step-narrowed claim queries. */
    private static List<String> plans(DataSource dataSource, Dialect dialect, String explain, String analyze)
            throws SQLException {
        String type = "Plan" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            fill(connection, dialect, type, now);
            try (Statement statement = connection.createStatement()) {
                statement.execute(analyze);
            }
            List<String> plans = new ArrayList<>();
            for (Query query : List.of(Query.workflowType(type), Query.workflowType(type).step("first"))) {
                for (FetchStrategy strategy : List.of(FetchStrategy.OLDEST, FetchStrategy.NEWEST)) {
                    QueryFilter filter = QueryFilter.of(query, InstanceStatus.WAITING);
                    Vendor vendor = dialect.vendor();
                    boolean locking = vendor.claimMethod(strategy) != ClaimMethod.OPTIMISTIC;
                    String sql = ClaimQuery.candidates(vendor, filter, strategy, "instance_id, version",
                            locking ? 1 : OptimisticClaim.WINDOW) + (locking ? " FOR UPDATE SKIP LOCKED" : "");
                    try (PreparedStatement statement = connection.prepareStatement(explain + sql)) {
                        vendor.bind(statement, filter.bind(statement, 1), now);
                        StringBuilder plan = new StringBuilder();
                        try (ResultSet row = statement.executeQuery()) {
                            while (row.next()) {
                                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                                    plan.append(row.getString(c)).append(' ');
                                }
                                plan.append('\n');
                            }
                        }
                        System.out.printf("%s claim plan (%s, %s):%n%s%n", dialect, strategy,
                                query.step() == null ? "by type" : "by type and step", plan);
                        plans.add(plan.toString());
                    }
                }
            }
            return plans;
        }
    }

    private static void fill(Connection connection, Dialect dialect, String type, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gamgee_instance (instance_id, "
                + "workflow_type, step, payload, status, attempts, run_after, claimable_at, diagram_hash, version, "
                + "created_at, updated_at) VALUES (?, ?, ?, '{}', ?, 0, ?, ?, 'h', 0, ?, ?)")) {
            for (int i = 0; i < BACKLOG; i++) {
                // most rows wait for this type; a quarter are finished rows of other types
                boolean waiting = i % 4 != 0;
                Instant at = now.minusSeconds(BACKLOG - i);
                insert.setString(1, type + "-" + i);
                insert.setString(2, waiting ? type : type + "-other-" + (i % 7));
                insert.setString(3, i % 3 == 0 ? "first" : "second");
                insert.setString(4, waiting ? "WAITING" : "COMPLETED");
                for (int p = 5; p <= 8; p++) {
                    dialect.vendor().bind(insert, p, at);
                }
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
