package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished instances are kept for the retention period, then deleted with their history, batch by batch. */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @Test
    void purgeExpiredDeletesFinishedInstancesOlderThanTheRetention(@TempDir Path dir) {
        try (JpaStateStore store = JpaStateStore.builder().h2(dir).retention(Duration.ofDays(1))
                .purgeInterval(Duration.ZERO).purgeBatchSize(2).build()) {
            for (int i = 0; i < 5; i++) {
                finish(store, "old-" + i, NOW.minus(Duration.ofDays(3)));
            }
            finish(store, "recent", NOW.minus(Duration.ofHours(1)));
            store.insert(new NewInstance("waiting", "T", "s", "{}", NOW.minus(Duration.ofDays(3)), null, "h",
                    NOW.minus(Duration.ofDays(3))));

            assertThat(store.purgeExpired(NOW)).isEqualTo(5);

            assertThat(store.find("old-0")).isEmpty();
            assertThat(store.history("old-4")).isEmpty();
            assertThat(store.find("recent")).isPresent();
            assertThat(store.history("recent")).hasSize(1);
            assertThat(store.find("waiting")).as("unfinished instances are never purged").isPresent();
            assertThat(store.purgeExpired(NOW)).isZero();
        }
    }

    @Test
    void retentionSettingsAreChecked() {
        assertThatThrownBy(() -> JpaStateStore.builder().retention(Duration.ofDays(-1)))
                .hasMessage("retention must not be negative: PT-24H");
        assertThatThrownBy(() -> JpaStateStore.builder().purgeBatchSize(0))
                .hasMessage("purgeBatchSize must be at least 1: 0");
        assertThatThrownBy(() -> JpaStateStore.builder().build())
                .hasMessage("give exactly one of h2(dir), dataSource(..) or entityManagerFactory(..); got 0");
    }

    private static void finish(JpaStateStore store, String id, Instant at) {
        store.insert(new NewInstance(id, "T", "s", "{}", at, null, "h", at));
        Claim claim = store.claim(Query.workflowType("T"), FetchStrategy.NEWEST, "w", at, at.plusSeconds(60))
                .orElseThrow();
        assertThat(claim.instanceId()).isEqualTo(id);
        store.complete(claim, new StepRecord(id, "s", 1, "w", at, at, StepRecord.Outcome.COMPLETED, null, null));
    }
}
