package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.test.workflows.PaymentWorkflow;
import io.gamgee.test.workflows.PaymentWorkflowBase.RequestPaymentPayload;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The metrics an operator scrapes, read through the OpenTelemetry SDK's in-memory reader. */
class MetricsTest {

    private static final AttributeKey<String> TYPE = AttributeKey.stringKey("gamgee.workflow.type");
    private static final AttributeKey<String> STEP = AttributeKey.stringKey("gamgee.step");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gamgee.outcome");
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("gamgee.status");

    private static MetricData metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
    }

    private static long counter(MetricData metric, Attributes attributes) {
        return metric.getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).sum();
    }

    @Test
    void transitionsStepDurationsAndStartDelaysAreCountedByTypeStepAndOutcome() {
        AtomicInteger failures = new AtomicInteger(1);
        try (WorkflowTestKit kit = WorkflowTestKit.builder().register(() -> new ThreeStepWorkflow(
                ThreeStepWorkflowBase.withAttempts(3), step -> {
                    if (step.equals("a") && failures.getAndDecrement() > 0) {
                        throw new IllegalStateException("once");
                    }
                })).random(() -> -1L).build()) {
            kit.submit(ThreeStepWorkflow.class, new APayload(1));
            // the first step starts two seconds after it was due
            kit.advance(Duration.ofSeconds(2)).runUntilIdle();
            kit.advance(Duration.ofSeconds(1)).runUntilIdle();

            Collection<MetricData> metrics = kit.metrics();
            MetricData transitions = metric(metrics, "gamgee.transitions");
            assertThat(transitions.getUnit()).isEqualTo("{transition}");
            assertThat(counter(transitions, Attributes.of(TYPE, "ThreeStepWorkflow", STEP, "a", OUTCOME,
                    "retry_scheduled"))).isEqualTo(1);
            assertThat(counter(transitions, Attributes.of(TYPE, "ThreeStepWorkflow", STEP, "a", OUTCOME, "advanced")))
                    .isEqualTo(1);
            assertThat(counter(transitions, Attributes.of(TYPE, "ThreeStepWorkflow", STEP, "c", OUTCOME, "completed")))
                    .isEqualTo(1);

            MetricData duration = metric(metrics, "gamgee.step.duration");
            assertThat(duration.getUnit()).isEqualTo("s");
            assertThat(duration.getHistogramData().getPoints()).extracting(HistogramPointData::getCount)
                    .containsOnly(1L);
            assertThat(duration.getHistogramData().getPoints()).hasSize(4);

            MetricData delay = metric(metrics, "gamgee.step.start_delay");
            assertThat(delay.getUnit()).isEqualTo("s");
            HistogramPointData a = delay.getHistogramData().getPoints().stream()
                    .filter(p -> "a".equals(p.getAttributes().get(STEP))).findFirst().orElseThrow();
            assertThat(a.getCount()).isEqualTo(2);
            assertThat(a.getMax()).isEqualTo(2.0);
        }
    }

    @Test
    void aPoolReportsInstancesByStateAndStatusFromOneReadingEveryFewSeconds() throws Exception {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        TestClock clock = new TestClock();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build()) {
            InMemoryStateStore store = new InMemoryStateStore();
            PaymentWorkflow workflow = new PaymentWorkflow();
            WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
            WorkflowClient client = WorkflowClient.create(store, registry, clock);
            try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).clock(clock).openTelemetry(sdk)
                    .build().start()) {
                for (int i = 0; i < 3; i++) {
                    client.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-" + i));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (store.count(io.gamgee.core.Query.workflowType("PaymentWorkflow").step("paid"),
                        InstanceStatus.WAITING) < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(gauge(reader.collectAllMetrics(), "paid", "waiting")).isEqualTo(3);

                String id = client.list(io.gamgee.core.Query.workflowType("PaymentWorkflow"), null, 0, 1).get(0)
                        .instanceId();
                assertThat(client.cancel(id)).isTrue();
                // within the same few seconds, a collection sees the last reading
                assertThat(gauge(reader.collectAllMetrics(), "paid", "waiting")).isEqualTo(3);
                clock.advance(Duration.ofSeconds(6));
                assertThat(gauge(reader.collectAllMetrics(), "paid", "waiting")).isEqualTo(2);
            }
        }
    }

    private static long gauge(Collection<MetricData> metrics, String state, String status) {
        MetricData instances = metric(metrics, "gamgee.instances");
        return instances.getLongGaugeData().getPoints().stream()
                .filter(p -> p.getAttributes().equals(Attributes.of(TYPE, "PaymentWorkflow", STEP, state, STATUS,
                        status)))
                .mapToLong(LongPointData::getValue).sum();
    }
}
