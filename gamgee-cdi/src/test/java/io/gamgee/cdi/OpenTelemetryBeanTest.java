package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.greeting.GreetPayload;
import io.gamgee.cdi.greeting.GreetingWorkflow;
import io.gamgee.cdi.greeting.Guestbook;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

class OpenTelemetryBeanTest {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final AtomicInteger PRODUCED = new AtomicInteger();

    /** The container's OpenTelemetry, as Quarkus and Helidon provide one. */
    @ApplicationScoped
    public static class OpenTelemetryProducer {

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            PRODUCED.incrementAndGet();
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                            .build())
                    .build();
        }
    }

    @Test
    void stepSpansGoToTheContainersOpenTelemetryLookedUpOnlyWhenTheFirstStepRuns() {
        try (WeldContainer container = new Weld()
                .disableDiscovery()
                .addExtension(new GamgeePortableExtension())
                .addBeanClasses(GreetingWorkflow.class, Guestbook.class, InMemoryStoreProducer.class,
                        OpenTelemetryProducer.class, GamgeeRuntime.class)
                .initialize()) {
            WorkflowClient client = container.select(WorkflowClient.class).get();
            assertThat(PRODUCED).hasValue(0);

            String id = client.submit(GreetingWorkflow.class, new GreetPayload("Alan"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);

            await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().size() >= 2);
            assertThat(SPANS.getFinishedSpanItems()).extracting(SpanData::getName)
                    .contains("GreetingWorkflow.greet", "GreetingWorkflow.record");
            assertThat(PRODUCED).hasValue(1);
        }
    }
}
