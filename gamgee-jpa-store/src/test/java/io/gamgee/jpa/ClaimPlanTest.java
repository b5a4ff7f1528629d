package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
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
 * (some of them branches) among finished rows of others, and more instances of that type parked at
 * waits, without a timer or with one in the future, which no claim may read. A count, which leaves
 * branches out, reads a claim index's range too, and a list of a type whatever the status reads the
 * listing index in creation order.
 */
class ClaimPlanTest {

    private static final int BACKLOG = 20_000;
    /** Instances parked at waits: more than the backlog, all past the claims' {@code now}. */
    private static final int PARKED = 30_000;

    @Test
    void h2ReadsTheClaimIndexInOrder(@TempDir Path dir) throws Exception {
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            store.count(Query.all(), null);
            com.zaxxer.hikari.HikariDataSource pool = EmbeddedH2.pool(dir, 1);
            try {
                List<String> plans = plans(pool, Dialect.H2, "EXPLAIN ANALYZE ", "ANALYZE");
                for (String plan : claims(plans)) {
                    assertThat(plan).containsIgnoringCase("GAMGEE_INSTANCE_CLAIM").contains("index sorted")
                            .containsPattern("scanCount: (\\d|1\\d) ");
                }
                assertThat(count(plans)).containsIgnoringCase("GAMGEE_INSTANCE_CLAIM")
                        .doesNotContainIgnoringCase("GAMGEE_INSTANCE_BRANCHES");
                for (String plan : lists(plans)) {
                    assertThat(plan).containsIgnoringCase("GAMGEE_INSTANCE_LISTING").contains("index sorted");
                }
                for (String plan : everyStatus(plans)) {
                    assertThat(plan).containsIgnoringCase("GAMGEE_INSTANCE_CLAIM_STEP")
                            .doesNotContainIgnoringCase("GAMGEE_INSTANCE_LISTING");
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
        List<String> plans = plans(dataSource, Dialect.POSTGRESQL, "EXPLAIN ", "ANALYZE gamgee_instance");
        for (String plan : claims(plans)) {
            assertThat(plan).contains("Index Scan").contains("gamgee_instance_claim").doesNotContain("Sort");
        }
        assertThat(count(plans)).contains("Index").contains("gamgee_instance_claim").doesNotContain("Seq Scan")
                .doesNotContain("gamgee_instance_branches");
        for (String plan : lists(plans)) {
            assertThat(plan).contains("Index Scan using gamgee_instance_listing").doesNotContain("Sort");
        }
        for (String plan : everyStatus(plans)) {
            assertThat(plan).contains("gamgee_instance_claim_step").doesNotContain("Seq Scan");
        }
    }

    @Test
    void mariadbReadsTheClaimIndexInOrder() throws Exception {
        DataSource dataSource = Databases.mariadb();
        JpaStateStore.builder().dataSource(dataSource).createSchema(true).build().count(Query.all(), null);
        List<String> plans = plans(dataSource, Dialect.MARIADB, "EXPLAIN FORMAT=JSON ", "ANALYZE TABLE gamgee_instance");
        for (String plan : claims(plans)) {
            assertThat(plan).contains("\"access_type\": \"range\"").contains("\"key\": \"gamgee_instance_claim")
                    .doesNotContain("filesort");
        }
        // one type's finished rows among others: the claim index's range, or the listing index's
        assertThat(count(plans)).containsPattern("\"key\": \"gamgee_instance_(claim|listing)")
                .doesNotContain("\"access_type\": \"ALL\"");
        for (String plan : lists(plans)) {
            assertThat(plan).contains("\"key\": \"gamgee_instance_listing\"").doesNotContain("filesort")
                    .doesNotContain("\"access_type\": \"ALL\"");
        }
        for (String plan : everyStatus(plans)) {
            // the union's own rows are read whole; the table never is
            assertThat(plan).contains("\"key\": \"gamgee_instance_claim_step\"")
                    .doesNotContainPattern("\"table_name\": \"gamgee_instance\",\\s*\"access_type\": \"ALL\"");
        }
    }

    /** The plans of the claim queries. */
    private static List<String> claims(List<String> plans) {
        return plans.subList(0, 4);
    }

    /** The plan of {@code count} by type and status (a slice of the table), which leaves branches out. */
    private static String count(List<String> plans) {
        return plans.get(4);
    }

    /**
     * The plans of a list by type whatever the status, in creation order: the waiting type's first
     * page, and a page of one finished type among many.
     */
    private static List<String> lists(List<String> plans) {
        return plans.subList(5, 7);
    }

    /** The plans of a state's page and count whatever the status. */
    private static List<String> everyStatus(List<String> plans) {
        return plans.subList(7, 9);
    }

    /**
     * Fills the backlog and returns the plans of the OLDEST, NEWEST and step-narrowed claim queries,
     * then that of a count of the type's waiting instances.
     */
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
            // a dashboard's count: the finished instances of one type among many
            QueryFilter filter = QueryFilter.of(Query.workflowType(type + "-other-3"), InstanceStatus.COMPLETED);
            try (PreparedStatement statement = connection.prepareStatement(explain + Queries.countSql(dialect.vendor(),
                    filter))) {
                filter.bind(statement, 1);
                plans.add(plan(statement, dialect + " count plan"));
            }
            // a list of a type's instances whatever their status, in creation order
            for (String listed : List.of(type, type + "-other-3")) {
                QueryFilter all = QueryFilter.of(Query.workflowType(listed), null);
                try (PreparedStatement statement = connection.prepareStatement(explain + "SELECT "
                        + InstanceRows.INSTANCE_COLUMNS + " FROM gamgee_instance WHERE " + all.sql()
                        + Queries.listOrder(dialect.vendor(), true, 0, 50))) {
                    all.bind(statement, 1);
                    plans.add(plan(statement, dialect + " list plan (" + listed + ")"));
                }
            }
            // a state's page and count whatever the status: each status's range of the claim index
            Query state = Query.workflowType(type).step("first");
            for (String sql : List.of(Queries.everyStatusPageSql(dialect.vendor(), state, false, 0, 50),
                    Queries.everyStatusCountSql(dialect.vendor(), state))) {
                try (PreparedStatement statement = connection.prepareStatement(explain + sql)) {
                    Queries.bindEveryStatus(statement, state);
                    plans.add(plan(statement, dialect + " every-status plan"));
                }
            }
            return plans;
        }
    }

    /** The plan an {@code EXPLAIN} statement returns (its first column), printed under {@code title}. */
    private static String plan(PreparedStatement explain, String title) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet row = explain.executeQuery()) {
            while (row.next()) {
                plan.append(row.getString(1)).append('\n');
            }
        }
        System.out.printf("%s:%n%s%n", title, plan);
        return plan.toString();
    }

    private static void fill(Connection connection, Dialect dialect, String type, Instant now) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gamgee_instance (instance_id, "
                + "workflow_type, step, payload, status, attempts, run_after, claimable_at, diagram_hash, version, "
                + "created_at, updated_at, parent_id) VALUES (?, ?, ?, '{}', ?, 0, ?, ?, 'h', 0, ?, ?, ?)")) {
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
                // a fifth of the waiting rows are branches, of the row before them
                insert.setString(9, waiting && i % 5 == 1 ? type + "-" + (i - 1) : null);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            for (int i = 0; i < PARKED; i++) {
                // half wait for an event only, half for a timer that has not fired yet
                Instant due = i % 2 == 0 ? StateStore.NEVER : now.plusSeconds(60 + i);
                insert.setString(1, type + "-parked-" + i);
                insert.setString(2, type);
                insert.setString(3, i % 3 == 0 ? "first" : "paid");
                insert.setString(4, "WAITING");
                dialect.vendor().bind(insert, 5, due);
                dialect.vendor().bind(insert, 6, due);
                dialect.vendor().bind(insert, 7, now);
                dialect.vendor().bind(insert, 8, now);
                insert.setString(9, null);
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
