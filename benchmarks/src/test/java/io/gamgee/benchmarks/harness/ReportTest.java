package io.gamgee.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.limit.RawJdbcLimit;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final Report report = new Report(ZonedDateTime.parse("2026-01-02T03:04:00Z"), "java -jar bench.jar");

    @Test
    void throughputIsComparedWithCommitsAndWithGamgee() {
        report.add(List.of(
                new Measurement(RawJdbcLimit.COMMITS, RawJdbcLimit.SYSTEM, Database.POSTGRESQL, "commits/s", 8000,
                        Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", Report.GAMGEE, Database.POSTGRESQL, "steps/s", 6000, Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", "Flowable", Database.POSTGRESQL, "steps/s", 1500, Kind.THROUGHPUT, "")));

        assertThat(row("| W1 throughput | Gamgee | PostgreSQL |")).contains("| 6,000 | 0.75 |  |  |");
        assertThat(row("| W1 throughput | Flowable | PostgreSQL |")).contains("| 1,500 | 0.19 |  | 0.25 |");
    }

    @Test
    void stepsAreAlsoComparedWithTheBatchedLimitsUpdatedRows() {
        report.add(List.of(
                new Measurement(RawJdbcLimit.COMMITS, RawJdbcLimit.SYSTEM, Database.MARIADB, "commits/s", 8000,
                        Kind.THROUGHPUT, ""),
                new Measurement(RawJdbcLimit.BATCHED, RawJdbcLimit.SYSTEM, Database.MARIADB, "updated rows/s", 48000,
                        Kind.THROUGHPUT, "16 rows per commit"),
                new Measurement(RawJdbcLimit.BATCHED, RawJdbcLimit.SYSTEM, Database.MARIADB, "commits/s", 3000,
                        Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", Report.GAMGEE, Database.MARIADB, "steps/s", 6000, Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", Report.GAMGEE, Database.MARIADB, "workflows/s", 2000, Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", Report.GAMGEE, Database.MARIADB, "commits/step", 1.083, Kind.PLAIN, "")));

        assertThat(row("| W1 throughput | Gamgee | MariaDB | steps/s |")).contains("| 6,000 | 0.75 | 0.13 |  |");
        assertThat(row("| W1 throughput | Gamgee | MariaDB | workflows/s |")).contains("| 2,000 |  |  |  |");
        assertThat(row("| W1 throughput | Gamgee | MariaDB | commits/step |")).contains("| 1.08 |  |  |  |");
        assertThat(row("| " + RawJdbcLimit.BATCHED + " | " + RawJdbcLimit.SYSTEM + " | MariaDB | updated rows/s |"))
                .contains("| 48,000 |  |  |  | 16 rows per commit |");
    }

    @Test
    void latencyIsComparedWithTheSamePercentileOfThreeCommits() {
        report.add(List.of(
                new Measurement(RawJdbcLimit.THREE_COMMITS, RawJdbcLimit.SYSTEM, Database.H2, "p50 ms", 0.5,
                        Kind.LATENCY, ""),
                new Measurement(RawJdbcLimit.THREE_COMMITS, RawJdbcLimit.SYSTEM, Database.H2, "p99 ms", 4, Kind.LATENCY, ""),
                new Measurement("W2 latency", Report.GAMGEE, Database.H2, "p50 ms", 1, Kind.LATENCY, ""),
                new Measurement("W2 latency", Report.GAMGEE, Database.H2, "p99 ms", 2, Kind.LATENCY, ""),
                new Measurement("W2 latency", "JobRunr", Database.H2, "p50 ms", 2500, Kind.LATENCY, "n=8")));

        assertThat(row("| W2 latency | Gamgee | H2 file | p50 ms |")).contains("| 1.00 | 2.00 |  |  |");
        assertThat(row("| W2 latency | Gamgee | H2 file | p99 ms |")).contains("| 2.00 | 0.50 |  |  |");
        assertThat(row("| W2 latency | JobRunr | H2 file | p50 ms |")).contains("| 2,500 | 5000.00 |  | 2500.00 | n=8 |");
    }

    @Test
    void aMissingSystemShowsItsReasonAndNoRatios() {
        report.add(List.of(Measurement.missing("W1 throughput", "DBOS Transact", Database.H2, "DBOS supports PostgreSQL only")));

        assertThat(row("| W1 throughput | DBOS Transact | H2 file |"))
                .isEqualTo("| W1 throughput | DBOS Transact | H2 file | — | — |  |  |  | DBOS supports PostgreSQL only |");
    }

    @Test
    void targetsSayWhetherEachIsMetAndNameTheBestPeer() {
        report.add(List.of(
                new Measurement(RawJdbcLimit.COMMITS, RawJdbcLimit.SYSTEM, Database.H2, "commits/s", 40000, Kind.THROUGHPUT, ""),
                new Measurement(RawJdbcLimit.THREE_COMMITS, RawJdbcLimit.SYSTEM, Database.H2, "p50 ms", 0.3, Kind.LATENCY, ""),
                new Measurement("W1 throughput", Report.GAMGEE, Database.H2, "steps/s", 24000, Kind.THROUGHPUT, ""),
                new Measurement("W2 latency", Report.GAMGEE, Database.H2, "p50 ms", 0.9, Kind.LATENCY, ""),
                new Measurement("W1 throughput", "db-scheduler", Database.H2, "steps/s", 6000, Kind.THROUGHPUT, ""),
                new Measurement("W1 throughput", "Flowable", Database.H2, "steps/s", 1800, Kind.THROUGHPUT, "")));

        String markdown = report.markdown(75);

        assertThat(markdown).contains("| H2 file | 0.60 ✅ (target ≥ 0.5) | 3.00 ❌ (target ≤ 2.0) | "
                + "4.00 ✅ (target ≥ 2.0) (best: db-scheduler) |");
        assertThat(markdown).contains("- Wall time of the run: 1 min 15 s");
        assertThat(markdown).contains("cores");
    }

    private String row(String prefix) {
        return report.table().lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + prefix + " in\n" + report.table()));
    }
}
