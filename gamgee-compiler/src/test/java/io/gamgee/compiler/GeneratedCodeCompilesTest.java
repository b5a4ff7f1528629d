package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bases compiled with javac against gamgee-core, together with hand-written payloads and
 * implementations, then run through their dispatch.
 */
class GeneratedCodeCompilesTest {

    /**
     * Implements the conditions workflow and exposes the protected dispatch to the test through a
     * JDK interface, so the test needs no reflection beyond creating the instance.
     */
    private static final String CONDITIONS_IMPLEMENTATION = """
            package com.example;

            import io.gamgee.core.definition.StepResult;
            import java.util.function.BiFunction;

            public class ConditionsWorkflow extends ConditionsWorkflowBase
                    implements BiFunction<String, Object, StepResult> {
                @Override
                public ChoiceDecision decide(DecidePayload payload) {
                    return payload.goLeft() ? choice.chooseLeft(new LeftPayload("L")) : choice.chooseRight(new RightPayload());
                }

                @Override
                public void left(LeftPayload payload) {
                }

                @Override
                public void right(RightPayload payload) throws Exception {
                    throw new java.io.IOException("right failed");
                }

                @Override
                public StepResult apply(String step, Object payload) {
                    try {
                        return executeStep(step, payload);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @TempDir
    Path classes;

    @Test
    void conditionsWorkflowCompilesAndDispatchesEachStep() throws Exception {
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compile("conditions.mermaid")));
        sources.add(new JavaSources.Source("com/example/DecidePayload.java",
                "package com.example; public record DecidePayload(boolean goLeft) {}"));
        sources.add(new JavaSources.Source("com/example/LeftPayload.java",
                "package com.example; public record LeftPayload(String side) {}"));
        sources.add(new JavaSources.Source("com/example/RightPayload.java",
                "package com.example; public record RightPayload() {}"));
        sources.add(new JavaSources.Source("com/example/ConditionsWorkflow.java", CONDITIONS_IMPLEMENTATION));

        JavaSources.Result result = JavaSources.compile(sources, classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            Object workflow = loader.loadClass("com.example.ConditionsWorkflow").getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> dispatch = (BiFunction<String, Object, StepResult>) workflow;
            Class<?> decidePayload = loader.loadClass("com.example.DecidePayload");
            Object goLeft = decidePayload.getConstructor(boolean.class).newInstance(true);
            Object goRight = decidePayload.getConstructor(boolean.class).newInstance(false);

            StepResult left = dispatch.apply("decide", goLeft);
            assertThat(left.nextStep()).isEqualTo("left");
            assertThat(left.payload()).hasToString("LeftPayload[side=L]");
            assertThat(dispatch.apply("decide", goRight).nextStep()).isEqualTo("right");
            assertThat(dispatch.apply("left", left.payload()).isComplete()).isTrue();
            assertThatThrownBy(() -> dispatch.apply("right", loader.loadClass("com.example.RightPayload")
                            .getConstructor().newInstance()))
                    .hasRootCauseMessage("right failed");
            assertThatThrownBy(() -> dispatch.apply("nowhere", goLeft))
                    .hasRootCauseMessage("ConditionsWorkflow has no step nowhere");

            WorkflowDefinition definition = ((WorkflowBase<?>) workflow).definition();
            assertThat(definition.workflowType()).isEqualTo("ConditionsWorkflow");
            assertThat(definition.firstStep()).isEqualTo("decide");
            assertThat(definition.first().payloadType()).isSameAs(decidePayload);
            assertThat(definition.steps()).containsOnlyKeys("decide", "left", "right");
            assertThat(definition.decisions().get("choice").branches())
                    .extracting(b -> b.label() + "->" + b.target())
                    .containsExactly("chooseLeft->left", "chooseRight->right");
            assertThat(definition.source()).isEqualTo("com/example/conditions.mermaid");
            assertThat(definition.diagramHash()).hasSize(64);
        }
    }

    @Test
    void retriesStepChainsAndBranchesToTheEndReachTheDefinition() throws Exception {
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compile("out-of-order.mermaid")));
        sources.add(JavaSources.Source.of(compile("give-up.mermaid")));
        for (String payload : List.of("ShipOrder", "CheckStock", "WaitForStock", "Review", "Publish")) {
            sources.add(new JavaSources.Source("com/example/" + payload + "Payload.java",
                    "package com.example; public record " + payload + "Payload() {}"));
        }
        sources.add(new JavaSources.Source("com/example/ReviewWorkflow.java", """
                package com.example;

                import io.gamgee.core.definition.StepResult;
                import java.util.function.BiFunction;

                public class ReviewWorkflow extends ReviewWorkflowBase implements BiFunction<String, Object, StepResult> {
                    @Override public VerdictDecision review(ReviewPayload payload) { return verdict.reject(); }
                    @Override public void publish(PublishPayload payload) { }
                    @Override public StepResult apply(String step, Object payload) {
                        try {
                            return executeStep(step, payload);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """));
        sources.add(new JavaSources.Source("com/example/OrderFulfillmentWorkflow.java", """
                package com.example;

                public class OrderFulfillmentWorkflow extends OrderFulfillmentWorkflowBase {
                    @Override public void shipOrder(ShipOrderPayload payload) { }
                    @Override public InStockDecision checkStock(CheckStockPayload payload) {
                        return inStock.backorder(new WaitForStockPayload());
                    }
                    @Override public ShipOrderPayload waitForStock(WaitForStockPayload payload) {
                        return new ShipOrderPayload();
                    }
                }
                """));

        JavaSources.Result result = JavaSources.compile(sources, classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            Object review = loader.loadClass("com.example.ReviewWorkflow").getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> dispatch = (BiFunction<String, Object, StepResult>) review;
            Object payload = loader.loadClass("com.example.ReviewPayload").getConstructor().newInstance();
            assertThat(dispatch.apply("review", payload).isComplete()).isTrue();

            Object orders = loader.loadClass("com.example.OrderFulfillmentWorkflow").getConstructor().newInstance();
            WorkflowDefinition definition = ((WorkflowBase<?>) orders).definition();
            assertThat(definition.workflowType()).isEqualTo("OrderFulfillmentWorkflow");
            assertThat(definition.firstStep()).isEqualTo("check_stock");
            assertThat(definition.step("check_stock").orElseThrow().retryPolicy()).isEqualTo(RetryPolicy.of(3, 100));
            assertThat(definition.step("wait-for-stock").orElseThrow().next()).isEqualTo("ship-order");
            assertThat(definition.step("ship-order").orElseThrow().next()).isEqualTo(WorkflowDefinition.END);
        }
    }

    @Test
    void stepTimeoutsReachTheDefinition() throws Exception {
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compile("timeout.mermaid")));
        sources.add(JavaSources.Source.of(compile("charge.mermaid")));
        for (String payload : List.of("Render", "Deliver", "Charge")) {
            sources.add(new JavaSources.Source("com/example/" + payload + "Payload.java",
                    "package com.example; public record " + payload + "Payload() {}"));
        }
        sources.add(new JavaSources.Source("com/example/SendInvoiceWorkflow.java", """
                package com.example;

                public class SendInvoiceWorkflow extends SendInvoiceWorkflowBase {
                    @Override public DeliverPayload render(RenderPayload payload) { return new DeliverPayload(); }
                    @Override public void deliver(DeliverPayload payload) { }
                }
                """));
        sources.add(new JavaSources.Source("com/example/ChargeCardWorkflow.java", """
                package com.example;

                public class ChargeCardWorkflow extends ChargeCardWorkflowBase {
                    @Override public void charge(ChargePayload payload) { }
                }
                """));

        JavaSources.Result result = JavaSources.compile(sources, classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            Object invoices = loader.loadClass("com.example.SendInvoiceWorkflow").getConstructor().newInstance();
            WorkflowDefinition definition = ((WorkflowBase<?>) invoices).definition();
            RetryPolicy render = definition.step("render").orElseThrow().retryPolicy();
            assertThat(render).isEqualTo(RetryPolicy.of(3, 500, 30000));
            assertThat(render.timeout()).contains(Duration.ofSeconds(30));
            assertThat(definition.step("deliver").orElseThrow().retryPolicy())
                    .isEqualTo(RetryPolicy.of(1, 1000, 45000));

            Object charges = loader.loadClass("com.example.ChargeCardWorkflow").getConstructor().newInstance();
            RetryPolicy charge = ((WorkflowBase<?>) charges).definition().step("charge").orElseThrow().retryPolicy();
            assertThat(charge.timeoutMs()).as("no timeoutMs in the diagram: the worker's default").isZero();
            assertThat(charge.timeout()).isEmpty();
        }
    }

    @Test
    void implementationReturningTheWrongPayloadDoesNotCompile() {
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compile("out-of-order.mermaid")));
        for (String payload : List.of("ShipOrder", "CheckStock", "WaitForStock")) {
            sources.add(new JavaSources.Source("com/example/" + payload + "Payload.java",
                    "package com.example; public record " + payload + "Payload() {}"));
        }
        sources.add(new JavaSources.Source("com/example/OrderFulfillmentWorkflow.java", """
                package com.example;

                public class OrderFulfillmentWorkflow extends OrderFulfillmentWorkflowBase {
                    @Override public void shipOrder(ShipOrderPayload payload) { }
                    @Override public InStockDecision checkStock(CheckStockPayload payload) {
                        return inStock.ship(new WaitForStockPayload());
                    }
                    @Override public ShipOrderPayload waitForStock(WaitForStockPayload payload) {
                        return new ShipOrderPayload();
                    }
                }
                """));

        JavaSources.Result result = JavaSources.compile(sources, classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("OrderFulfillmentWorkflow.java:6").contains("WaitForStockPayload");
    }

    private static GeneratedFile compile(String diagram) {
        CompilationResult result = new DiagramCompiler().compile(Diagrams.resource(diagram));
        assertThat(result.diagnostics()).isEmpty();
        return result.baseClass().orElseThrow();
    }
}
