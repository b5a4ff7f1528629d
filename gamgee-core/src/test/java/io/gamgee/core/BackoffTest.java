package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.definition.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RetryPolicy POLICY = RetryPolicy.of(10, 500);

    @Test
    void theCeilingDoublesPerAttempt() {
        assertThat(Backoff.delay(POLICY, 1, Duration.ofHours(1), () -> -1L)).isEqualTo(Duration.ofMillis(499));
        assertThat(Backoff.delay(POLICY, 2, Duration.ofHours(1), () -> -1L)).isEqualTo(Duration.ofMillis(999));
        assertThat(Backoff.delay(POLICY, 4, Duration.ofHours(1), () -> -1L)).isEqualTo(Duration.ofMillis(3999));
    }

    @Test
    void fullJitterCanDrawNoDelay() {
        assertThat(Backoff.delay(POLICY, 5, Duration.ofHours(1), () -> 0L)).isZero();
    }

    @Test
    void theCeilingIsCappedEvenForHugeAttemptCounts() {
        assertThat(Backoff.delay(POLICY, 1_000, Duration.ofMinutes(1), () -> -1L))
                .isEqualTo(Duration.ofMinutes(1).minusMillis(1));
    }
}
