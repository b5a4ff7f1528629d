package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.test.workflows.GreetingWorkflow;
import io.gamgee.test.workflows.GreetPayload;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StepSpansTest {

    @Test
    void stepsFormOneTraceUnderTheSubmittingSpan() {
        Map<String, SpanContext> currentDuringStep = new ConcurrentHashMap<>();
        try (WorkflowTestKit kit = WorkflowTestKit.of(
                () -> new ThreeStepWorkflow(step -> currentDuringStep.put(step, Span.current().getSpanContext())))) {
            Span request = kit.openTelemetry().getTracer("test").spanBuilder("POST /orders").startSpan();
            String id;
            try (Scope ignored = request.makeCurrent()) {
                id = kit.submit(ThreeStepWorkflow.class, new APayload(1));
            } finally {
                request.end();
            }
            kit.runUntilIdle();

            SpanData a = span(kit, "ThreeStepWorkflow.a");
            SpanData b = span(kit, "ThreeStepWorkflow.b");
            SpanData c = span(kit, "ThreeStepWorkflow.c");
            assertThat(List.of(a, b, c)).allSatisfy(span -> {
                assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
                assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("io.gamgee");
                assertThat(span.getAttributes().get(AttributeKey.stringKey("gamgee.workflow.type")))
                        .isEqualTo("ThreeStepWorkflow");
                assertThat(span.getAttributes().get(AttributeKey.stringKey("gamgee.workflow.instance_id"))).isEqualTo(id);
                assertThat(span.getAttributes().get(AttributeKey.longKey("gamgee.attempt"))).isEqualTo(1L);
            });
            assertThat(a.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
            assertThat(b.getParentSpanId()).isEqualTo(a.getSpanId());
            assertThat(c.getParentSpanId()).isEqualTo(b.getSpanId());
            assertThat(b.getAttributes().get(AttributeKey.stringKey("gamgee.step"))).isEqualTo("b");
            assertThat(a.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
            assertThat(a.getEvents()).extracting(EventData::getName).containsExactly("Continuing to b");
            assertThat(c.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
            assertThat(c.getEvents()).extracting(EventData::getName).containsExactly("Workflow Completed");
            assertThat(currentDuringStep.get("b").getSpanId()).as("the step's span is current while it runs")
                    .isEqualTo(b.getSpanId());
        }
    }

    @Test
    void aWorkflowSubmittedOutsideAnySpanStartsItsOwnTrace() {
        try (WorkflowTestKit kit = WorkflowTestKit.of(ThreeStepWorkflow::new)) {
            kit.submit(ThreeStepWorkflow.class, new APayload(1));
            kit.runUntilIdle();

            SpanData a = span(kit, "ThreeStepWorkflow.a");
            assertThat(a.getParentSpanContext().isValid()).isFalse();
            assertThat(span(kit, "ThreeStepWorkflow.c").getTraceId()).isEqualTo(a.getTraceId());
        }
    }

    @Test
    void failuresRecordTheExceptionAndTheLastOneIsUnrecoverable() {
        AtomicInteger failures = new AtomicInteger(3);
        List<String> greeted = new CopyOnWriteArrayList<>();
        try (WorkflowTestKit kit = WorkflowTestKit.of(() -> new GreetingWorkflow(failures, greeted))) {
            Span request = kit.openTelemetry().getTracer("test").spanBuilder("POST /greetings").startSpan();
            String id;
            try (Scope ignored = request.makeCurrent()) {
                id = kit.submit(GreetingWorkflow.class, new GreetPayload("Sam"));
            } finally {
                request.end();
            }
            for (int i = 0; i < 3; i++) {
                kit.runUntilIdle();
                kit.advance(Duration.ofHours(1));
            }
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);

            List<SpanData> spans = kit.spans().stream().filter(span -> !span.getName().equals("POST /greetings")).toList();
            assertThat(spans).extracting(SpanData::getName).containsOnly("GreetingWorkflow.greet").hasSize(3);
            assertThat(spans).extracting(span -> span.getAttributes().get(AttributeKey.longKey("gamgee.attempt")))
                    .containsExactly(1L, 2L, 3L);
            SpanData retried = spans.get(0);
            assertThat(retried.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(retried.getStatus().getDescription()).contains("mail server down for Sam");
            assertThat(exception(retried).getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo(IllegalStateException.class.getName());
            SpanData last = spans.get(2);
            assertThat(last.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(last.getStatus().getDescription()).isEqualTo("Workflow Unrecoverable");
            assertThat(exception(last).getAttributes().get(AttributeKey.stringKey("exception.message")))
                    .isEqualTo("mail server down for Sam");
            assertThat(spans).extracting(SpanData::getTraceId).as("retries stay in the submitter's trace")
                    .containsOnly(request.getSpanContext().getTraceId());
            assertThat(spans).extracting(SpanData::getParentSpanId).containsOnly(request.getSpanContext().getSpanId());
        }
    }

    private static EventData exception(SpanData span) {
        return span.getEvents().stream().filter(event -> event.getName().equals("exception")).findFirst()
                .orElseThrow(() -> new AssertionError("no exception recorded on " + span.getName()));
    }

    private static SpanData span(WorkflowTestKit kit, String name) {
        return kit.spans().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + kit.spans()));
    }
}
