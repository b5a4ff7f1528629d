package io.gamgee.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutArgumentsEverythingRunsAtTheDocumentedSizes() {
        Options options = Options.parse();

        assertThat(options.workloads()).containsExactly("limit", "w1", "w2", "w3", "w4", "w5", "w6", "claim");
        assertThat(options.systems()).containsExactly("gamgee", "flowable", "jobrunr", "db-scheduler", "dbos");
        assertThat(options.databases()).containsExactly(Database.H2, Database.POSTGRESQL, Database.MARIADB);
        assertThat(options.workflows()).isEqualTo(20_000);
        assertThat(options.latencyRuns()).isEqualTo(1_000);
        assertThat(options.backlogs()).containsExactly(10_000, 1_000_000);
        assertThat(options.compilerStates()).containsExactly(10, 100, 500);
        assertThat(options.threads()).isEqualTo(4);
    }

    @Test
    void quickShrinksSizesAndLaterOptionsStillWin() {
        Options options = Options.parse("--quick", "--workflows=2_000", "--databases=pg", "--systems=gamgee");

        assertThat(options.workflows()).isEqualTo(2_000);
        assertThat(options.latencyRuns()).isEqualTo(50);
        assertThat(options.backlogs()).containsExactly(1_000, 10_000);
        assertThat(options.limitDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.databases()).isEqualTo(List.of(Database.POSTGRESQL));
        assertThat(options.systems()).containsExactly("gamgee");
    }

    @Test
    void selectedWorkloadsAreTheOnlyOnesThatRun() {
        Options options = Options.parse("--workloads=w1, limit");

        assertThat(options.runs("w1")).isTrue();
        assertThat(options.runs("limit")).isTrue();
        assertThat(options.runs("w2")).isFalse();
    }

    @Test
    void theSoakRunsOnlyWhenNamed() {
        assertThat(Options.parse().runs("soak")).isFalse();

        Options options = Options.parse("--workloads=soak", "--soak-workflows=20_000");

        assertThat(options.runs("soak")).isTrue();
        assertThat(options.runs("w1")).isFalse();
        assertThat(options.soakWorkflows()).isEqualTo(20_000);
        assertThat(Options.parse().soakWorkflows()).isEqualTo(100_000);
    }

    @Test
    void w2RunsAgainWithIdleGapsUnlessToldNone() {
        assertThat(Options.parse().w2Gap()).isEqualTo(new IdleGap(0, 20));
        assertThat(Options.parse("--w2-gap-ms=5-50").w2Gap()).isEqualTo(new IdleGap(5, 50));
        assertThat(Options.parse("--w2-gap-ms=10").w2Gap()).isEqualTo(new IdleGap(10, 10));
        assertThat(Options.parse("--w2-gap-ms=none").w2Gap()).isNull();
        assertThat(Options.parse().w2Gap().latencyWorkload()).isEqualTo("W2 latency, 0–20 ms idle gaps");
        assertThatThrownBy(() -> Options.parse("--w2-gap-ms=20-5")).hasMessageContaining("0 ≤ min ≤ max");
        assertThatThrownBy(() -> Options.parse("--w2-gap-ms=soon")).hasMessageContaining("(e.g. 0-20)");
    }

    @Test
    void mistakesNameTheOptionAndShowUsage() {
        assertThatThrownBy(() -> Options.parse("--worklods=w1"))
                .hasMessageStartingWith("unknown option --worklods")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> Options.parse("--workloads=w9"))
                .hasMessageStartingWith("unknown workload w9");
        assertThatThrownBy(() -> Options.parse("--databases=oracle"))
                .hasMessageStartingWith("unknown database: oracle");
        assertThatThrownBy(() -> Options.parse("--workflows=0"))
                .hasMessage("--workflows must be at least 1");
        assertThatThrownBy(() -> Options.parse("w1"))
                .hasMessageStartingWith("not an option: w1");
    }
}
