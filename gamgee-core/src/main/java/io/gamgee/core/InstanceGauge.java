package io.gamgee.core;

import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The observable gauge {@code gamgee.instances}: how many instances stand at each state of each
 * workflow type a pool runs, by {@code gamgee.workflow.type}, {@code gamgee.step} and
 * {@code gamgee.status} ({@code waiting}, {@code running}, {@code retrying}, {@code unrecoverable}).
 * A collection reads {@link StateStore#stateCounts} once per type at most every {@link #EVERY};
 * collections in between see the last reading. The gauge is registered when the pool runs its first
 * step, like spans, so an OpenTelemetry the application installs after making its pool is the one
 * used.
 */
final class InstanceGauge implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("gamgee.status");
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());

    private record Reading(Attributes attributes, long value) {
    }

    private final StateStore store;
    private final List<String> workflowTypes;
    private final Clock clock;
    private final Supplier<OpenTelemetry> openTelemetry;
    private volatile ObservableLongGauge gauge;
    private volatile boolean closed;
    private volatile List<Reading> last = List.of();
    private volatile Instant readAt = Instant.MIN;

    InstanceGauge(Supplier<OpenTelemetry> openTelemetry, StateStore store, List<String> workflowTypes, Clock clock) {
        this.store = store;
        this.workflowTypes = List.copyOf(workflowTypes);
        this.clock = clock;
        this.openTelemetry = openTelemetry;
    }

    /** Registers the gauge once; cheap after that. */
    void register() {
        if (gauge != null || closed) {
            return;
        }
        synchronized (this) {
            if (gauge == null && !closed) {
                gauge = openTelemetry.get().getMeter(StepSpans.SCOPE).gaugeBuilder("gamgee.instances").ofLongs()
                        .setUnit("{instance}")
                        .setDescription("Instances at each state of a workflow type, by what they are doing")
                        .buildWithCallback(measurement -> readings()
                                .forEach(r -> measurement.record(r.value(), r.attributes())));
            }
        }
    }

    private synchronized List<Reading> readings() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(EVERY) < 0) {
            return last;
        }
        List<Reading> readings = new ArrayList<>();
        try {
            for (String type : workflowTypes) {
                for (StateCounts counts : store.stateCounts(type, now, now)) {
                    add(readings, type, counts.state(), "waiting", counts.waiting());
                    add(readings, type, counts.state(), "running", counts.running());
                    add(readings, type, counts.state(), "retrying", counts.retrying());
                    add(readings, type, counts.state(), "unrecoverable", counts.unrecoverable());
                }
            }
        } catch (RuntimeException e) {
            // a metric collection must not fail on an outage: keep the last reading
            LOG.log(Level.DEBUG, () -> "gamgee.instances: the store could not be read: " + e);
            return last;
        }
        last = List.copyOf(readings);
        readAt = now;
        return last;
    }

    private static void add(List<Reading> readings, String type, String state, String status, long value) {
        readings.add(new Reading(Attributes.of(StepSpans.WORKFLOW_TYPE, type, StepSpans.STEP, state, STATUS, status),
                value));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gauge != null) {
            gauge.close();
        }
    }
}
