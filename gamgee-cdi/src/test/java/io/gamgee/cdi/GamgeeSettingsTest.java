package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.FetchStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GamgeeSettingsTest {

    @Test
    void noConfigurationAtAllGivesWorkingDefaults() {
        GamgeeSettings settings = GamgeeSettings.read(key -> Optional.empty());

        assertThat(settings.workersEnabled()).isTrue();
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.claimBatch()).as("one per thread").isEqualTo(4);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.fetchStrategy()).as("the same as WorkerPool's").isEqualTo(FetchStrategy.OLDEST);
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.stepTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.jdbcUrl()).isEmpty();
        assertThat(settings.directory()).isEqualTo(Path.of("gamgee-data"));
        assertThat(settings.createSchema()).isEmpty();
        assertThat(settings.concurrentCommits()).as("the database's default").isEmpty();
        assertThat(settings.compactionCheck()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyKeyIsRead() {
        Map<String, String> config = Map.ofEntries(
                Map.entry("gamgee.workers.enabled", "false"),
                Map.entry("gamgee.workers.threads", "8"),
                Map.entry("gamgee.workers.claim-batch", "2"),
                Map.entry("gamgee.workers.poll-interval", "250ms"),
                Map.entry("gamgee.workers.lease", "PT2M"),
                Map.entry("gamgee.workers.drain-timeout", "5s"),
                Map.entry("gamgee.fetch-strategy", "oldest"),
                Map.entry("gamgee.store.jdbc-url", "jdbc:postgresql://127.0.0.1/test"),
                Map.entry("gamgee.store.user", "postgres"),
                Map.entry("gamgee.store.password", "secret"),
                Map.entry("gamgee.store.create-schema", "true"),
                Map.entry("gamgee.store.concurrent-commits", "3"),
                Map.entry("gamgee.store.compaction-check", "1m"),
                Map.entry("gamgee.workers.step-timeout", "2m"),
                Map.entry("gamgee.workflows.OrderWorkflow.step-timeout", "45s"));

        GamgeeSettings settings = GamgeeSettings.read(key -> Optional.ofNullable(config.get(key)),
                java.util.Set.of("OrderWorkflow", "RefundWorkflow"));

        assertThat(settings.workersEnabled()).isFalse();
        assertThat(settings.threads()).isEqualTo(8);
        assertThat(settings.claimBatch()).isEqualTo(2);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.fetchStrategy()).isEqualTo(FetchStrategy.OLDEST);
        assertThat(settings.stepTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.workflowStepTimeouts()).isEqualTo(Map.of("OrderWorkflow", Duration.ofSeconds(45)));
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://127.0.0.1/test");
        assertThat(settings.user()).contains("postgres");
        assertThat(settings.createSchema()).contains(true);
        assertThat(settings.concurrentCommits()).contains(3);
        assertThat(settings.compactionCheck()).isEqualTo(Duration.ofMinutes(1));
        assertThat(GamgeeSettings.read(key -> key.equals("gamgee.store.compaction-check") ? Optional.of("off")
                : Optional.empty()).compactionCheck()).as("off").isZero();
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndWhatIsExpected() {
        assertThatThrownBy(() -> GamgeeSettings.read(key -> key.equals("gamgee.workers.lease")
                ? Optional.of("soon") : Optional.empty()))
                .hasMessage("Gamgee configuration gamgee.workers.lease = 'soon' is invalid: expected a positive"
                        + " duration such as 500ms, 30s, 5m or PT30S");
        assertThatThrownBy(() -> GamgeeSettings.read(key -> key.equals("gamgee.workers.threads")
                ? Optional.of("0") : Optional.empty()))
                .hasMessageContaining("gamgee.workers.threads = '0'");
        assertThatThrownBy(() -> GamgeeSettings.read(key -> key.equals("gamgee.fetch-strategy")
                ? Optional.of("fifo") : Optional.empty()))
                .hasMessageContaining("one of NEWEST, OLDEST, RANDOM");
    }
}
