package io.gamgee.it.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.DiscoveredWorkflows;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@HelidonTest
class HelidonApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    WorkflowClient client;
    @Inject
    Guestbook guestbook;
    @Inject
    DiscoveredWorkflows discovered;

    @Test
    void thePortableExtensionFoundTheWorkflow() {
        assertThat(discovered.discovery()).isEqualTo(DiscoveredWorkflows.Discovery.PORTABLE_EXTENSION);
        assertThat(discovered.implementations()).containsExactly(GreetingWorkflow.class);
    }

    @Test
    void theWorkersCompleteASubmittedWorkflowAndTheWithSpanMethodNestsUnderTheStepSpan() {
        String id = client.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

        await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
        assertThat(guestbook.entries()).contains("Hello, Ada!");
        assertThat(client.history(id)).extracting(StepRecord::step).containsExactly("greet", "record");

        await().atMost(TIMEOUT).until(() -> span("Greeter.greet", id).isPresent()
                && span("GreetingWorkflow.record", id).isPresent());
        SpanData step = span("GreetingWorkflow.greet", id).orElseThrow();
        SpanData greeter = span("Greeter.greet", id).orElseThrow();
        assertThat(greeter.getParentSpanId()).isEqualTo(step.getSpanId());
        assertThat(greeter.getTraceId()).isEqualTo(step.getTraceId());
    }

    /** The span of that name in the trace of instance {@code id}'s steps. */
    private static Optional<SpanData> span(String name, String id) {
        List<SpanData> finished = InMemorySpanExporterProvider.SPANS.getFinishedSpanItems();
        Optional<String> trace = finished.stream()
                .filter(span -> id.equals(span.getAttributes().get(AttributeKey.stringKey("gamgee.workflow.instance_id"))))
                .map(SpanData::getTraceId)
                .findFirst();
        return trace.flatMap(traceId -> finished.stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name))
                .findFirst());
    }
}
