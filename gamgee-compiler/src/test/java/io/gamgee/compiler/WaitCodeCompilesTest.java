package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.Event;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base generated from {@code payment.mermaid} (a wait with two events and a timer, and a
 * delayed step) compiled with javac against gamgee-core, with hand-written payloads, kept type,
 * implementation and a client that sends an event; its dispatch, timer and event factories run;
 * and events that do not match the diagram do not compile.
 */
class WaitCodeCompilesTest {

    /** Exposes the protected dispatch ({@code step name → payload}) and timer ({@code "timer:" + wait → kept}). */
    private static final String IMPLEMENTATION = """
            package com.example;

            import io.gamgee.core.definition.StepResult;
            import java.util.function.BiFunction;

            public class PaymentWorkflow extends PaymentWorkflowBase implements BiFunction<String, Object, StepResult> {
                @Override public Paid requestPayment(RequestPaymentPayload payload) {
                    return paid.await(new PaidPayload(payload.order(), "req-" + payload.order()));
                }
                @Override public RemindPayload paidTimedOut(PaidPayload kept) {
                    return new RemindPayload(kept.order());
                }
                @Override public void ship(ShipPayload payload) {
                }
                @Override public void cancelOrder(CancelOrderPayload payload) {
                }
                @Override public CancelOrderPayload remind(RemindPayload payload) {
                    return new CancelOrderPayload(payload.order(), "not paid");
                }

                @Override
                public StepResult apply(String name, Object input) {
                    try {
                        return name.startsWith("timer:") ? executeTimer(name.substring(6), input)
                                : executeStep(name, input);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    private static final String CLIENT = """
            package com.example;

            import io.gamgee.core.SendResult;
            import io.gamgee.core.WorkflowClient;

            public class Webhooks {
                static SendResult captured(WorkflowClient client, String orderId) {
                    return client.send(PaymentWorkflow.class, orderId,
                            PaymentWorkflow.Events.captured(new ShipPayload(orderId, "cap-1")).withId("whk_1"));
                }
            }
            """;

    private static final String REFUND = """
            ---
            title: Refund
            ---
            stateDiagram-v2
                state refunded <<choice>>
                [*] --> requestRefund
                requestRefund --> refunded
                refunded --> close: on captured
                close --> [*]
            """;

    @TempDir
    Path classes;

    @Test
    void paymentCompilesWaitsTimesOutAndMakesEvents() throws Exception {
        JavaSources.Result result = JavaSources.compile(payment(IMPLEMENTATION, CLIENT), classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            Object workflow = loader.loadClass("com.example.PaymentWorkflow").getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> run = (BiFunction<String, Object, StepResult>) workflow;
            Object request = loader.loadClass("com.example.RequestPaymentPayload").getConstructor(String.class)
                    .newInstance("o-1");

            StepResult waiting = run.apply("requestPayment", request);
            assertThat(waiting.nextStep()).isEqualTo("paid");
            assertThat(waiting.payload()).hasToString("PaidPayload[order=o-1, request=req-o-1]");
            StepResult timedOut = run.apply("timer:paid", waiting.payload());
            assertThat(timedOut.nextStep()).isEqualTo("remind");
            assertThat(timedOut.payload()).hasToString("RemindPayload[order=o-1]");
            assertThat(run.apply("remind", timedOut.payload()).nextStep()).isEqualTo("cancelOrder");
            assertThatThrownBy(() -> run.apply("timer:nowhere", waiting.payload()))
                    .hasRootCauseMessage("PaymentWorkflow has no timed wait nowhere");

            Class<?> ship = loader.loadClass("com.example.ShipPayload");
            Method captured = loader.loadClass("com.example.PaymentWorkflowBase$Events").getMethod("captured", ship);
            Event<?> event = (Event<?>) captured.invoke(null, ship.getConstructor(String.class, String.class)
                    .newInstance("o-1", "cap-1"));
            assertThat(event.workflowType()).isEqualTo("PaymentWorkflow");
            assertThat(event.name()).isEqualTo("captured");
            assertThat(event.payload()).hasToString("ShipPayload[order=o-1, capture=cap-1]");
            assertThatThrownBy(() -> captured.invoke(null, (Object) null)).hasRootCauseMessage("payload");

            WorkflowDefinition definition = ((WorkflowBase<?>) workflow).definition();
            WaitDefinition paid = definition.waitState("paid").orElseThrow();
            assertThat(paid.keptType()).isSameAs(loader.loadClass("com.example.PaidPayload"));
            assertThat(paid.events()).containsExactly(
                    new WaitDefinition.On("captured", "ship", ship),
                    new WaitDefinition.On("declined", "cancelOrder", loader.loadClass("com.example.CancelOrderPayload")));
            assertThat(paid.timer()).isEqualTo(new WaitDefinition.After(Duration.ofDays(2), "remind"));
            assertThat(definition.step("requestPayment").orElseThrow().next()).isEqualTo("paid");
            assertThat(definition.step("remind").orElseThrow().delay()).isEqualTo(Duration.ofDays(5));
            assertThat(definition.step("ship").orElseThrow().delay()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void aStepReturningNullInsteadOfWaitingIsNamed() throws Exception {
        JavaSources.Result result = JavaSources.compile(payment(IMPLEMENTATION.replace("return paid.await(",
                "if (payload != null) return null; return paid.await("), CLIENT), classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> run = (BiFunction<String, Object, StepResult>)
                    loader.loadClass("com.example.PaymentWorkflow").getConstructor().newInstance();
            Object request = loader.loadClass("com.example.RequestPaymentPayload").getConstructor(String.class)
                    .newInstance("o-1");
            assertThatThrownBy(() -> run.apply("requestPayment", request))
                    .hasRootCauseMessage("step requestPayment returned null; return paid.await(…)");
        }
    }

    @Test
    void anEventWithAnotherStepsPayloadDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(payment(IMPLEMENTATION, CLIENT.replace(
                "new ShipPayload(orderId, \"cap-1\")", "new CancelOrderPayload(orderId, \"cap-1\")")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("Webhooks.java:9: incompatible types: com.example.CancelOrderPayload "
                + "cannot be converted to com.example.ShipPayload");
    }

    @Test
    void anEventOfAnotherWorkflowDoesNotCompile() {
        List<JavaSources.Source> sources = payment(IMPLEMENTATION, CLIENT.replace(
                "PaymentWorkflow.Events.captured(new ShipPayload(orderId, \"cap-1\"))",
                "RefundWorkflowBase.Events.captured(new ClosePayload())"));
        CompilationResult refund = new DiagramCompiler().compile(Diagrams.source("refund.mermaid", REFUND));
        assertThat(refund.diagnostics()).isEmpty();
        sources.add(JavaSources.Source.of(refund.baseClass().orElseThrow()));
        for (String record : List.of("RequestRefundPayload()", "RefundedPayload()", "ClosePayload()")) {
            sources.add(record(record));
        }

        JavaSources.Result result = JavaSources.compile(sources, classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("Webhooks.java:8").contains("RefundWorkflowBase");
    }

    @Test
    void waitingAnyOtherWayDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(payment(IMPLEMENTATION.replace("return paid.await(",
                "return new Paid(StepResult.next(\"paid\", null)); //"), CLIENT), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("PaymentWorkflow.java:8");
    }

    @Test
    void aTimeoutMethodReturningAnotherStepsPayloadDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(payment(IMPLEMENTATION.replace(
                "@Override public RemindPayload paidTimedOut(PaidPayload kept) {\n        return new RemindPayload(kept.order());",
                "@Override public CancelOrderPayload paidTimedOut(PaidPayload kept) {\n        return null;"), CLIENT),
                classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("PaymentWorkflow.java:10").contains("paidTimedOut");
    }

    private static List<JavaSources.Source> payment(String implementation, String client) {
        CompilationResult compiled = new DiagramCompiler().compile(Diagrams.resource("payment.mermaid"));
        assertThat(compiled.diagnostics()).isEmpty();
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compiled.baseClass().orElseThrow()));
        for (String record : List.of("RequestPaymentPayload(String order)", "PaidPayload(String order, String request)",
                "ShipPayload(String order, String capture)", "CancelOrderPayload(String order, String why)",
                "RemindPayload(String order)")) {
            sources.add(record(record));
        }
        sources.add(new JavaSources.Source("com/example/PaymentWorkflow.java", implementation));
        sources.add(new JavaSources.Source("com/example/Webhooks.java", client));
        return sources;
    }

    private static JavaSources.Source record(String record) {
        String name = record.substring(0, record.indexOf('('));
        return new JavaSources.Source("com/example/" + name + ".java", "package com.example; public record " + record
                + " {}");
    }
}
