package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {

    private final RepeatedWarnings warnings =
            new RepeatedWarnings(System.getLogger(RepeatedWarningsTest.class.getName()), Duration.ofHours(1));

    @Test
    void theSameCauseIsReportedOncePerInterval() {
        assertThat(warnings.warn("claim failed", new IllegalStateException("tables missing"))).isTrue();
        assertThat(warnings.warn("claim failed again", new IllegalStateException("tables missing"))).isFalse();
        assertThat(warnings.warn("claim failed", new IllegalStateException("tables missing"))).isFalse();
    }

    @Test
    void aDifferentCauseIsReportedAtOnce() {
        warnings.warn("claim failed", new IllegalStateException("store", new SQLException("connection refused")));

        assertThat(warnings.warn("claim failed",
                new IllegalStateException("store", new SQLException("too many connections")))).isTrue();
    }

    @Test
    void afterTheIntervalTheCauseIsReportedAgain() {
        RepeatedWarnings immediate =
                new RepeatedWarnings(System.getLogger(RepeatedWarningsTest.class.getName()), Duration.ZERO);
        immediate.warn("claim failed", new IllegalStateException("down"));

        assertThat(immediate.warn("claim failed", new IllegalStateException("down"))).isTrue();
    }
}
