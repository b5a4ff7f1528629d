package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {

    /** One logged line: its text and whether it carried a stack trace. */
    record Line(String message, boolean stackTrace) {
    }

    /** A logger that keeps what it is given instead of printing it. */
    static final class Recording implements System.Logger {
        final List<Line> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(new Line(message, thrown != null));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(format, false));
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            lines.add(new Line(message.get(), false));
        }
    }

    private final Recording log = new Recording();
    private final RepeatedWarnings warnings = new RepeatedWarnings(log, Duration.ofHours(1));

    @Test
    void theSameCauseIsReportedOncePerIntervalWithItsStackTraceOnlyTheFirstTime() {
        assertThat(warnings.warn("claim failed", new IllegalStateException("tables missing"))).isTrue();
        assertThat(warnings.warn("claim failed again", new IllegalStateException("tables missing"))).isFalse();
        assertThat(warnings.warn("claim failed", new IllegalStateException("tables missing"))).isFalse();

        assertThat(log.lines).containsExactly(new Line("claim failed", true));
    }

    @Test
    void aDifferentCauseIsReportedAtOnce() {
        warnings.warn("claim failed", new IllegalStateException("store", new SQLException("connection refused")));

        assertThat(warnings.warn("claim failed",
                new IllegalStateException("store", new SQLException("too many connections")))).isTrue();
        assertThat(log.lines).hasSize(2).allMatch(Line::stackTrace);
    }

    @Test
    void afterTheIntervalTheCauseIsReportedAgainWithoutTheStackTraceAndWithHowOftenItHappened() {
        RepeatedWarnings immediate = new RepeatedWarnings(log, Duration.ZERO);
        immediate.warn("claim failed", new IllegalStateException("down"));
        immediate.warn("claim failed", new IllegalStateException("down"));

        assertThat(log.lines).containsExactly(new Line("claim failed", true), new Line("claim failed", false));
    }
}
