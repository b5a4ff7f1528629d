package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flyway migrations and the Liquibase changelog ship the same schema the store creates itself. */
class ShippedSchemaTest {

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void flywayMigrationIsTheSchemaScript(Dialect dialect) throws IOException {
        String vendor = dialect.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(read("db/migration/gamgee/" + vendor + "/V1__gamgee_schema.sql"))
                .isEqualTo(read(dialect.vendor().schemaResource()));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void liquibaseChangelogRunsTheSchemaScript(Dialect dialect) throws IOException {
        String vendor = dialect.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(read("db/changelog/gamgee.xml"))
                .contains("dbms=\"" + vendor + "\">\n    <sqlFile path=\"" + dialect.vendor().schemaResource() + "\"");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void everyScriptCreatesBothTablesAndAllIndexes(Dialect dialect) {
        String script = String.join("\n", SchemaScript.statements(dialect.vendor().schemaResource()));
        assertThat(SchemaScript.statements(dialect.vendor().schemaResource())).hasSize(6);
        assertThat(script).contains("gamgee_instance (", "gamgee_step_history (", "gamgee_instance_claim ON",
                "gamgee_instance_claim_step ON", "gamgee_instance_claim_any ON", "gamgee_step_history_instance ON");
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ShippedSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
