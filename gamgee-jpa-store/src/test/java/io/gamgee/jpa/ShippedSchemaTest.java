package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.WorkflowInstance;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Flyway migrations, the Liquibase changelog, the shipped script the store runs and the
 * entities all describe the same tables: the script is the migrations one after the other, and on
 * each database the migrated tables, the script's tables and the entities' columns and indexes
 * agree. A database of the first or the second schema is upgraded by the store's script.
 */
class ShippedSchemaTest {

    private static final List<String> MIGRATIONS =
            List.of("V1__gamgee_schema.sql", "V2__gamgee_forks.sql", "V3__gamgee_events.sql", "V4__gamgee_listing.sql");

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theSchemaScriptIsTheFlywayMigrationsOneAfterTheOther(Dialect dialect) throws IOException {
        StringBuilder migrations = new StringBuilder();
        for (String migration : MIGRATIONS) {
            migrations.append(read(migration(dialect, migration)));
        }
        assertThat(read(dialect.vendor().schemaResource())).isEqualTo(migrations.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void liquibaseChangelogRunsEachMigrationInItsOwnChangeSet(Dialect dialect) throws IOException {
        String changelog = read("db/changelog/gamgee.xml");
        for (int i = 0; i < MIGRATIONS.size(); i++) {
            assertThat(changelog).contains("<changeSet id=\"gamgee-schema-" + (i + 1) + "\" author=\"gamgee\" dbms=\""
                    + vendor(dialect) + "\">\n    <sqlFile path=\"" + migration(dialect, MIGRATIONS.get(i)) + "\"");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void everyScriptCreatesEveryTableAndAllIndexes(Dialect dialect) {
        List<String> statements = SchemaScript.statements(dialect.vendor().schemaResource());
        assertThat(statements).hasSize(14);
        assertThat(String.join("\n", statements)).contains("gamgee_instance (", "gamgee_step_history (",
                "gamgee_instance_claim ON", "gamgee_instance_claim_step ON", "gamgee_instance_claim_any ON",
                "gamgee_step_history_instance ON", "gamgee_instance_branches ON", "parent_id", "branch_index",
                "pending_branches", "failed_branches", "gamgee_event (", "gamgee_event_kept ON",
                "gamgee_instance_listing ON");
    }

    /**
     * Flyway's way (each migration in turn) and the store's (the script) make the same columns and
     * indexes, and they are the entities' columns and indexes; Hibernate's validator accepts the
     * entities on the migrated tables.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void migratedTablesAreTheScriptsTablesAndTheEntities(Dialect dialect) throws Exception {
        String migrated = freshSchema(dialect, "gamgee_schema_migrated");
        String scripted = freshSchema(dialect, "gamgee_schema_scripted");
        try (Connection connection = connect(dialect, migrated)) {
            for (String migration : MIGRATIONS) {
                run(connection, migration(dialect, migration));
            }
        }
        try (Connection connection = connect(dialect, scripted)) {
            SchemaScript.apply(connection, dialect.vendor());
        }

        Map<String, Object> tables = describe(dialect, migrated);
        assertThat(tables).isEqualTo(describe(dialect, scripted));
        assertThat(withoutDetails(tables)).isEqualTo(entities());

        try (EntityManagerFactory units = EntityMappingTest.validated(url(dialect, migrated), user(dialect))) {
            assertThat(units.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theStoreUpgradesADatabaseOfTheFirstSchema(Dialect dialect) throws Exception {
        theStoreUpgrades(dialect, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theStoreUpgradesADatabaseOfTheSecondSchema(Dialect dialect) throws Exception {
        theStoreUpgrades(dialect, 2);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theStoreUpgradesADatabaseOfTheThirdSchema(Dialect dialect) throws Exception {
        theStoreUpgrades(dialect, 3);
    }

    /**
     * A database migrated to {@code version}, with an instance in it, is upgraded by the store's
     * script: the instance is still there, and it can be forked and sent events.
     */
    private static void theStoreUpgrades(Dialect dialect, int version) throws Exception {
        String schema = freshSchema(dialect, "gamgee_schema_upgraded");
        try (Connection connection = connect(dialect, schema)) {
            for (String migration : MIGRATIONS.subList(0, version)) {
                run(connection, migration(dialect, migration));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO gamgee_instance (instance_id, workflow_type, step, payload, status, "
                        + "attempts, run_after, claimable_at, diagram_hash, version, created_at, updated_at) VALUES "
                        + "('before-forks', 'Old', 'first', '{}', 'WAITING', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                        + "'h', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url(dialect, schema));
            pool.setUsername(user(dialect));
            pool.setPassword("");
            try (JpaStateStore store = JpaStateStore.builder().dataSource(pool).createSchema(true).build()) {
                WorkflowInstance old = store.find("before-forks").orElseThrow();
                assertThat(old.parentId()).isNull();
                assertThat(old.pendingBranches()).isZero();
                assertThat(store.count(Query.workflowType("Old"), null)).isEqualTo(1);
                assertThat(store.branches("before-forks")).isEmpty();
                assertThat(store.deliver(new EventDelivery("before-forks", "Old", "paid", "evt-1", "{}",
                        Map.of("paid", "ship"), null, Instant.now()))).isEqualTo(SendResult.QUEUED);
            }
        }
        assertThat(withoutDetails(describe(dialect, schema))).isEqualTo(entities());
    }

    // --- databases -------------------------------------------------------------------------------

    /** An empty schema (a database on MariaDB, an in-memory database on H2) named {@code name}. */
    private static String freshSchema(Dialect dialect, String name) throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                Databases.postgres();
                admin(Databases.POSTGRES_URL, "postgres", "DROP SCHEMA IF EXISTS " + name + " CASCADE",
                        "CREATE SCHEMA " + name);
            }
            case MARIADB -> {
                Databases.mariadb();
                admin(Databases.MARIADB_URL, "root", "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
            }
            default -> name = name + System.nanoTime();
        }
        return name;
    }

    private static void admin(String url, String user, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String url(Dialect dialect, String schema) {
        return switch (dialect) {
            case POSTGRESQL -> Databases.POSTGRES_URL + "?currentSchema=" + schema;
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/" + schema;
            default -> "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1";
        };
    }

    private static String user(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "postgres";
            case MARIADB -> "root";
            default -> "sa";
        };
    }

    private static Connection connect(Dialect dialect, String schema) throws SQLException {
        return DriverManager.getConnection(url(dialect, schema), user(dialect), "");
    }

    /** Runs a migration as Flyway would: its statements in order, each committed. */
    private static void run(Connection connection, String resource) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : SchemaScript.statements(resource)) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Each table's columns (name, type, size, nullability, default, in order) and indexes (name
     * and columns, in order) as the database reports them.
     */
    private static Map<String, Object> describe(Dialect dialect, String schema) throws SQLException {
        Map<String, Object> tables = new TreeMap<>();
        try (Connection connection = connect(dialect, schema)) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String table : List.of("gamgee_instance", "gamgee_step_history", "gamgee_event")) {
                String name = metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                List<String> columns = new ArrayList<>();
                try (ResultSet column = metaData.getColumns(connection.getCatalog(), connection.getSchema(), name,
                        null)) {
                    while (column.next()) {
                        columns.add(column.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                Map<String, Map<Short, String>> indexes = new TreeMap<>();
                try (ResultSet index = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), name,
                        false, false)) {
                    while (index.next()) {
                        String indexName = index.getString("INDEX_NAME");
                        if (indexName == null || !index.getBoolean("NON_UNIQUE")) {
                            continue; // the primary key, which the entities say with @Id
                        }
                        indexes.computeIfAbsent(indexName.toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                                .put(index.getShort("ORDINAL_POSITION"),
                                        index.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                Map<String, List<String>> indexColumns = new TreeMap<>();
                indexes.forEach((index, byPosition) -> indexColumns.put(index, List.copyOf(byPosition.values())));
                tables.put(table + " columns", new TreeSet<>(columns));
                tables.put(table + " indexes", indexColumns);
                tables.put(table + " column details", details(metaData, connection, name));
            }
        }
        return tables;
    }

    /** Type, size, nullability and default of each column, to compare two databases of one kind. */
    private static List<String> details(DatabaseMetaData metaData, Connection connection, String table)
            throws SQLException {
        List<String> details = new ArrayList<>();
        try (ResultSet column = metaData.getColumns(connection.getCatalog(), connection.getSchema(), table, null)) {
            while (column.next()) {
                details.add(column.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                        + column.getString("TYPE_NAME") + "(" + column.getInt("COLUMN_SIZE") + ") "
                        + column.getString("IS_NULLABLE") + " default " + column.getString("COLUMN_DEF"));
            }
        }
        return details;
    }

    private static Map<String, Object> withoutDetails(Map<String, Object> tables) {
        Map<String, Object> names = new TreeMap<>(tables);
        names.keySet().removeIf(key -> key.endsWith(" column details"));
        return names;
    }

    /** The entities' columns and indexes, in the shape of {@link #describe} (without the details). */
    private static Map<String, Object> entities() {
        Map<String, Object> tables = new TreeMap<>();
        for (Class<?> entity : JpaStateStore.entityClasses()) {
            String table = entity.getAnnotation(Table.class).name();
            TreeSet<String> columns = new TreeSet<>();
            for (Field field : entity.getDeclaredFields()) {
                Column column = field.getAnnotation(Column.class);
                if (column != null) {
                    columns.add(column.name());
                }
            }
            Map<String, List<String>> indexes = new TreeMap<>();
            for (Index index : entity.getAnnotation(Table.class).indexes()) {
                indexes.put(index.name(), List.of(index.columnList().split(",\\s*")));
            }
            tables.put(table + " columns", columns);
            tables.put(table + " indexes", indexes);
        }
        return tables;
    }

    // --- resources --------------------------------------------------------------------------------

    private static String vendor(Dialect dialect) {
        return dialect.name().toLowerCase(Locale.ROOT);
    }

    private static String migration(Dialect dialect, String name) {
        return "db/migration/gamgee/" + vendor(dialect) + "/" + name;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ShippedSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
