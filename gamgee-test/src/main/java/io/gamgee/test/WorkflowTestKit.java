package io.gamgee.test;

import io.gamgee.core.Event;
import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.SubmitOptions;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.core.store.StepRecord;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs workflows in a test, on an {@link InMemoryStateStore} and a {@link TestClock}, with every
 * step span captured. Nothing runs in the background: {@link #runUntilIdle()} executes due steps
 * on the calling thread, and {@link #advance(Duration)} makes retries and delayed starts due
 * without sleeping; {@link #send} delivers events to waiting instances.
 *
 * <pre>{@code
 * @RegisterExtension
 * final WorkflowTestKit kit = WorkflowTestKit.of(ConditionsWorkflow::new);
 *
 * @Test
 * void decides() {
 *     String id = kit.submit(ConditionsWorkflow.class, new DecidePayload());
 *     kit.runUntilIdle();
 *     assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
 * }
 * }</pre>
 *
 * <p>As a JUnit 5 extension (a {@code @RegisterExtension} field) it shuts its OpenTelemetry SDK down
 * after each test; otherwise call {@link #close()}.
 */
public final class WorkflowTestKit implements AfterEachCallback, AutoCloseable {

    /** More steps than this in one {@link #runUntilIdle()} means a workflow never settles. */
    private static final int MAX_STEPS = 1_000_000;

    private final InMemoryStateStore store = new InMemoryStateStore(new Random(1));
    private final TestClock clock;
    private final WorkflowRegistry registry;
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk openTelemetry;
    private final WorkflowWorker worker;
    private final WorkflowClient client;

    private WorkflowTestKit(Builder builder) {
        this.clock = builder.clock;
        this.registry = builder.registry.build();
        this.openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        this.worker = WorkflowWorker.builder(registry)
                .workerId("test-worker")
                .clock(clock)
                .openTelemetry(openTelemetry)
                .lease(builder.lease)
                .random(builder.random)
                .build();
        this.client = WorkflowClient.create(store, registry, clock);
    }

    /** A kit running these workflows with default options. */
    @SafeVarargs
    public static WorkflowTestKit of(Supplier<? extends WorkflowBase<?>>... workflows) {
        Builder builder = builder();
        for (Supplier<? extends WorkflowBase<?>> workflow : workflows) {
            builder.register(workflow);
        }
        return builder.build();
    }

    /** Options of a kit. */
    public static Builder builder() {
        return new Builder();
    }

    /** Submits through {@link #client()}, stamped with the test clock. */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload) {
        return client.submit(type, payload);
    }

    /** Submits under a caller-chosen id, like {@link WorkflowClient#submit(Class, Object, String)}. */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload, String instanceId) {
        return client.submit(type, payload, instanceId);
    }

    /** Submits with an id and/or a delayed start (relative to the test clock). */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload, SubmitOptions options) {
        return client.submit(type, payload, options);
    }

    /**
     * Sends an event, like {@link WorkflowClient#send}: a waiting instance moves on at once (run
     * its next step with {@link #runUntilIdle()}); an instance not at the wait yet keeps it.
     */
    public <W extends WorkflowBase<?>> SendResult send(Class<W> type, String instanceId, Event<? super W> event) {
        return client.send(type, instanceId, event);
    }

    /**
     * Runs due steps, one at a time, oldest first, until nothing is due at the test clock's time.
     *
     * @return how many steps were claimed
     * @throws IllegalStateException if workflows keep going beyond a million steps
     */
    public int runUntilIdle() {
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (runNextStep() == ExecutionResult.NO_TASKS_WAITING) {
                return steps;
            }
        }
        throw new IllegalStateException("still busy after " + MAX_STEPS + " steps; does a workflow loop?");
    }

    /** Runs the oldest due step, if there is one. */
    public ExecutionResult runNextStep() {
        return worker.executeWaitingTask(store, Query.all(), FetchStrategy.OLDEST, Duration.ZERO);
    }

    /**
     * Moves the test clock forward, e.g. past a retry's backoff, a delayed step's delay or a wait's
     * timer; {@link #runUntilIdle()} then runs what became due.
     */
    public WorkflowTestKit advance(Duration duration) {
        clock.advance(duration);
        return this;
    }

    /** The instance's status, or empty for an unknown id. */
    public java.util.Optional<WorkflowStatus> status(String instanceId) {
        return client.status(instanceId);
    }

    /**
     * The instance's status.
     *
     * @throws AssertionError for an unknown id
     */
    public WorkflowStatus statusOf(String instanceId) {
        return client.status(instanceId).orElseThrow(() -> new AssertionError("no instance " + instanceId));
    }

    /** The instance's executed steps, oldest first. */
    public List<StepRecord> history(String instanceId) {
        return client.history(instanceId);
    }

    /**
     * The metrics recorded so far ({@code gamgee.transitions}, {@code gamgee.step.duration},
     * {@code gamgee.step.start_delay}), cumulative since the kit was made.
     */
    public java.util.Collection<MetricData> metrics() {
        return metrics.collectAllMetrics();
    }

    /** Every span finished so far, in the order they ended. */
    public List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /** Forgets the spans captured so far. */
    public void clearSpans() {
        spans.reset();
    }

    /** The in-memory store the kit's workflows live in. */
    public InMemoryStateStore store() {
        return store;
    }

    /** The clock the worker and {@link #client()} run on; {@link #advance(Duration)} moves it. */
    public TestClock clock() {
        return clock;
    }

    /** The registered workflows. */
    public WorkflowRegistry registry() {
        return registry;
    }

    /** A client of the kit's store, on its clock: status, history, recovery and cancelling. */
    public WorkflowClient client() {
        return client;
    }

    /** The worker that {@link #runNextStep()} and {@link #runUntilIdle()} run steps with. */
    public WorkflowWorker worker() {
        return worker;
    }

    /** The SDK the worker's spans go to; use it to make a parent span around a submit. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        openTelemetry.close();
    }

    /** Options of a {@link WorkflowTestKit}. */
    public static final class Builder {
        private final WorkflowRegistry.Builder registry = WorkflowRegistry.builder();
        private TestClock clock = new TestClock();
        private RandomGenerator random = new Random(1);
        private Duration lease = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Registers a workflow; see {@link WorkflowRegistry}. */
        public Builder register(Supplier<? extends WorkflowBase<?>> workflow) {
            registry.register(workflow);
            return this;
        }

        /** The clock to start from; default one at the current time. */
        public Builder clock(TestClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The backoff jitter; default a fixed-seed {@link Random}. {@code () -> -1L} always draws
         * (almost) the longest delay, {@code () -> 0L} none.
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The worker's lease; default 30 s. */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /** A kit with these options. */
        public WorkflowTestKit build() {
            return new WorkflowTestKit(this);
        }
    }
}
