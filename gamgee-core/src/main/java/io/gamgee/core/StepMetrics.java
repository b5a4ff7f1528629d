package io.gamgee.core;

import io.gamgee.core.store.StepRecord;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The metrics of step executions, through the OpenTelemetry API (an application's SDK, or nothing):
 * <ul>
 *   <li>{@code gamgee.transitions} (counter): transitions written, by {@code gamgee.workflow.type},
 *       {@code gamgee.step} and {@code gamgee.outcome} ({@code advanced}, {@code completed},
 *       {@code retry_scheduled}, {@code unrecoverable});</li>
 *   <li>{@code gamgee.step.duration} (histogram, {@code s}): from a step's start to its transition,
 *       same attributes;</li>
 *   <li>{@code gamgee.step.start_delay} (histogram, {@code s}): from when a step was due to when it
 *       started (claim and hand-over latency, and a backlog's wait), by type and step.</li>
 * </ul>
 */
final class StepMetrics {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gamgee.outcome");
    private static final List<Double> SECONDS = List.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
            2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

    private final Supplier<OpenTelemetry> openTelemetry;
    private volatile Instruments instruments;

    private record Instruments(OpenTelemetry owner, LongCounter transitions, DoubleHistogram duration,
            DoubleHistogram startDelay) {
    }

    StepMetrics(Supplier<OpenTelemetry> openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /** The instruments of the current OpenTelemetry, made again if the application installed another. */
    private Instruments instruments() {
        OpenTelemetry current = openTelemetry.get();
        Instruments made = instruments;
        if (made == null || made.owner() != current) {
            Meter meter = current.getMeter(StepSpans.SCOPE);
            made = new Instruments(current,
                    meter.counterBuilder("gamgee.transitions").setUnit("{transition}")
                            .setDescription("Workflow transitions written, by outcome").build(),
                    meter.histogramBuilder("gamgee.step.duration").setUnit("s")
                            .setDescription("How long a step ran, from its start to its transition")
                            .setExplicitBucketBoundariesAdvice(SECONDS).build(),
                    meter.histogramBuilder("gamgee.step.start_delay").setUnit("s")
                            .setDescription("From when a step was due to when it started")
                            .setExplicitBucketBoundariesAdvice(SECONDS).build());
            instruments = made;
        }
        return made;
    }

    /** A step started {@code startedAt}, having been due since {@code due}. */
    void started(String workflowType, String step, Instant due, Instant startedAt) {
        Duration delay = Duration.between(due, startedAt);
        instruments().startDelay().record(delay.isNegative() ? 0 : seconds(delay), Attributes.of(
                StepSpans.WORKFLOW_TYPE, workflowType, StepSpans.STEP, step));
    }

    /** The transition {@code record} was written. */
    void written(String workflowType, StepRecord record) {
        Attributes attributes = Attributes.of(StepSpans.WORKFLOW_TYPE, workflowType, StepSpans.STEP, record.step(),
                OUTCOME, record.outcome().name().toLowerCase(java.util.Locale.ROOT));
        Instruments made = instruments();
        made.transitions().add(1, attributes);
        if (record.startedAt() != null && record.finishedAt() != null) {
            made.duration().record(seconds(Duration.between(record.startedAt(), record.finishedAt())), attributes);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
