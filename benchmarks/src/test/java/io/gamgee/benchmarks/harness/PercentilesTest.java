package io.gamgee.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfUnsortedSamplesInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms
        }
        Percentiles p = Percentiles.of(nanos, 100);

        assertThat(p.millis(50)).isEqualTo(50.0);
        assertThat(p.millis(95)).isEqualTo(95.0);
        assertThat(p.millis(99)).isEqualTo(99.0);
        assertThat(p.millis(100)).isEqualTo(100.0);
    }

    @Test
    void onlyTheFirstCountSamplesCount() {
        long[] nanos = {3_000_000, 1_000_000, 2_000_000, 999_000_000};

        Percentiles p = Percentiles.of(nanos, 3);

        assertThat(p.count()).isEqualTo(3);
        assertThat(p.millis(100)).isEqualTo(3.0);
        assertThat(p.millis(50)).isEqualTo(2.0);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new long[] {7_500_000}, 1);

        assertThat(p.millis(1)).isEqualTo(7.5);
        assertThat(p.millis(99)).isEqualTo(7.5);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Percentiles.of(new long[10], 0)).hasMessage("no samples");
    }
}
