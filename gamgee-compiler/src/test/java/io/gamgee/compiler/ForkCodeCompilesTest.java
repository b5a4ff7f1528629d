package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base generated from {@code checkout.mermaid} (a fork of two branches and their join)
 * compiled with javac against gamgee-core, with hand-written payloads, results and implementation;
 * its dispatch and merge run; and an implementation that drifts from the diagram does not compile.
 */
class ForkCodeCompilesTest {

    /** Exposes the protected dispatch ({@code step name → payload}) and merge ({@code "join:" + name → results}). */
    private static final String IMPLEMENTATION = """
            package com.example;

            import io.gamgee.core.definition.StepResult;
            import java.util.List;
            import java.util.function.BiFunction;

            public class CheckoutWorkflow extends CheckoutWorkflowBase implements BiFunction<String, Object, StepResult> {
                @Override public Split prepare(PreparePayload payload) {
                    return split.start(new ChargeCardPayload(payload.order(), payload.cents()),
                            new ReserveStockPayload(payload.order()));
                }
                @Override public ChargeCardResult chargeCard(ChargeCardPayload payload) {
                    return new ChargeCardResult("receipt-" + payload.order());
                }
                @Override public PickShelfPayload reserveStock(ReserveStockPayload payload) {
                    return new PickShelfPayload(payload.order());
                }
                @Override public PickShelfResult pickShelf(PickShelfPayload payload) {
                    return new PickShelfResult("shelf-7");
                }
                @Override public ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf) {
                    return new ShipPayload(chargeCard.receipt(), pickShelf.shelf());
                }
                @Override public void ship(ShipPayload payload) {
                }

                @Override
                @SuppressWarnings("unchecked")
                public StepResult apply(String name, Object input) {
                    try {
                        return name.startsWith("join:") ? executeJoin(name.substring(5), (List<Object>) input)
                                : executeStep(name, input);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @TempDir
    Path classes;

    @Test
    void checkoutCompilesForksRunsEachBranchStepAndMerges() throws Exception {
        List<JavaSources.Source> sources = checkout(IMPLEMENTATION);

        JavaSources.Result result = JavaSources.compile(sources, classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            Object workflow = loader.loadClass("com.example.CheckoutWorkflow").getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> run = (BiFunction<String, Object, StepResult>) workflow;
            Object prepare = loader.loadClass("com.example.PreparePayload").getConstructor(String.class, int.class)
                    .newInstance("o-1", 250);

            StepResult fork = run.apply("prepare", prepare);
            assertThat(fork.isFork()).isTrue();
            assertThat(fork.nextStep()).isEqualTo("split");
            assertThat(fork.branchPayloads()).extracting(Object::toString)
                    .containsExactly("ChargeCardPayload[order=o-1, cents=250]", "ReserveStockPayload[order=o-1]");

            StepResult charged = run.apply("chargeCard", fork.branchPayloads().get(0));
            assertThat(charged.nextStep()).isEqualTo("merge");
            assertThat(charged.payload()).hasToString("ChargeCardResult[receipt=receipt-o-1]");
            StepResult reserved = run.apply("reserveStock", fork.branchPayloads().get(1));
            assertThat(reserved.nextStep()).isEqualTo("pickShelf");
            StepResult picked = run.apply("pickShelf", reserved.payload());
            assertThat(picked.nextStep()).isEqualTo("merge");

            StepResult merged = run.apply("join:merge", List.of(charged.payload(), picked.payload()));
            assertThat(merged.nextStep()).isEqualTo("ship");
            assertThat(merged.payload()).hasToString("ShipPayload[receipt=receipt-o-1, shelf=shelf-7]");
            assertThat(run.apply("ship", merged.payload()).isComplete()).isTrue();
            assertThatThrownBy(() -> run.apply("join:nowhere", List.of()))
                    .hasRootCauseMessage("CheckoutWorkflow has no join nowhere");

            WorkflowDefinition definition = ((WorkflowBase<?>) workflow).definition();
            assertThat(definition.fork("split").orElseThrow().branches()).containsExactly("chargeCard", "reserveStock");
            assertThat(definition.fork("split").orElseThrow().join()).isEqualTo("merge");
            JoinDefinition join = definition.join("merge").orElseThrow();
            assertThat(join.next()).isEqualTo("ship");
            assertThat(join.inputs()).extracting(JoinDefinition.Input::lastStep).containsExactly("chargeCard", "pickShelf");
            assertThat(join.inputs().get(1).resultType()).isSameAs(loader.loadClass("com.example.PickShelfResult"));
            assertThat(definition.step("prepare").orElseThrow().next()).isEqualTo("split");
            assertThat(definition.step("chargeCard").orElseThrow().next()).isEqualTo("merge");
            assertThat(definition.step("reserveStock").orElseThrow().retryPolicy()).isEqualTo(RetryPolicy.of(5, 200));
        }
    }

    @Test
    void aStepReturningNullInsteadOfStartingTheForkIsNamed() throws Exception {
        List<JavaSources.Source> sources = checkout(IMPLEMENTATION.replaceFirst("return split.start\\(", "if (payload != null) return null; return split.start("));

        JavaSources.Result result = JavaSources.compile(sources, classes);
        assertThat(result.success()).as(result.errors()).isTrue();

        try (var loader = result.classLoader()) {
            @SuppressWarnings("unchecked")
            BiFunction<String, Object, StepResult> run = (BiFunction<String, Object, StepResult>)
                    loader.loadClass("com.example.CheckoutWorkflow").getConstructor().newInstance();
            Object prepare = loader.loadClass("com.example.PreparePayload").getConstructor(String.class, int.class)
                    .newInstance("o-1", 250);
            assertThatThrownBy(() -> run.apply("prepare", prepare))
                    .hasRootCauseMessage("step prepare returned null; return split.start(…)");
        }
    }

    @Test
    void aWrongPayloadForABranchDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(checkout(IMPLEMENTATION.replace(
                "new ReserveStockPayload(payload.order())", "new PickShelfPayload(payload.order())")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("CheckoutWorkflow.java:10: incompatible types: com.example.PickShelfPayload cannot be converted to com.example.ReserveStockPayload");
    }

    @Test
    void aMissingBranchDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(checkout(IMPLEMENTATION.replace(
                "new ChargeCardPayload(payload.order(), payload.cents()),", "")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("CheckoutWorkflow.java:9").contains("start");
    }

    @Test
    void startingTheBranchesAnyOtherWayDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(checkout(IMPLEMENTATION.replace(
                "return split.start(", "return new Split(StepResult.fork(\"split\"), ")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("CheckoutWorkflow.java:9");
    }

    @Test
    void aMergeWithTheWrongSignatureDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(checkout(IMPLEMENTATION.replace(
                "public ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf)",
                "public ShipPayload merge(PickShelfResult pickShelf, ChargeCardResult chargeCard)")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("CheckoutWorkflow.java:21: method does not override or implement a method from a supertype");
    }

    @Test
    void aLastStepReturningItsPayloadInsteadOfItsResultDoesNotCompile() {
        JavaSources.Result result = JavaSources.compile(checkout(IMPLEMENTATION.replace(
                "@Override public ChargeCardResult chargeCard(ChargeCardPayload payload) {\n"
                        + "        return new ChargeCardResult(\"receipt-\" + payload.order());",
                "@Override public ChargeCardResult chargeCard(ChargeCardPayload payload) {\n"
                        + "        return new ShipPayload(\"r\", \"s\");")), classes);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).contains("CheckoutWorkflow.java:13").contains("ShipPayload");
    }

    private static List<JavaSources.Source> checkout(String implementation) {
        CompilationResult compiled = new DiagramCompiler().compile(Diagrams.resource("checkout.mermaid"));
        assertThat(compiled.diagnostics()).isEmpty();
        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(compiled.baseClass().orElseThrow()));
        for (String record : List.of("PreparePayload(String order, int cents)",
                "ChargeCardPayload(String order, int cents)", "ReserveStockPayload(String order)",
                "PickShelfPayload(String order)", "ShipPayload(String receipt, String shelf)",
                "ChargeCardResult(String receipt)", "PickShelfResult(String shelf)")) {
            String name = record.substring(0, record.indexOf('('));
            sources.add(new JavaSources.Source("com/example/" + name + ".java",
                    "package com.example; public record " + record + " {}"));
        }
        sources.add(new JavaSources.Source("com/example/CheckoutWorkflow.java", implementation));
        return sources;
    }
}
