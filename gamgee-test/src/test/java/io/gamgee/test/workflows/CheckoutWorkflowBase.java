package io.gamgee.test.workflows;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import java.util.List;

/**
 * As generated from:
 * <pre>
 * state split &lt;&lt;fork&gt;&gt;
 * state merge &lt;&lt;join&gt;&gt;
 * [*] --&gt; prepare --&gt; split
 * split --&gt; chargeCard --&gt; merge
 * split --&gt; reserveStock --&gt; pickShelf --&gt; merge
 * reserveStock --&gt; reserveStock: attempts=3\nbackoffMs=100
 * merge --&gt; ship --&gt; [*]
 * </pre>
 */
public abstract class CheckoutWorkflowBase extends WorkflowBase<CheckoutWorkflowBase.PreparePayload> {

    public record PreparePayload(String order, int cents) {
    }

    public record ChargeCardPayload(String order, int cents) {
    }

    public record ReserveStockPayload(String order) {
    }

    public record PickShelfPayload(String order, String shelf) {
    }

    public record ChargeCardResult(String receipt) {
    }

    public record PickShelfResult(String shelf) {
    }

    public record ShipPayload(String order, String receipt, String shelf) {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("CheckoutWorkflow", "ch3ck")
            .source("checkout.mermaid")
            .firstStep("prepare")
            .step("prepare", PreparePayload.class, "split", RetryPolicy.DEFAULT, 7)
            .step("chargeCard", ChargeCardPayload.class, "merge", RetryPolicy.DEFAULT, 8)
            .step("reserveStock", ReserveStockPayload.class, "pickShelf", RetryPolicy.of(3, 100), 9)
            .step("pickShelf", PickShelfPayload.class, "merge", RetryPolicy.DEFAULT, 12)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 14)
            .fork("split", "merge", 3, "chargeCard", "reserveStock")
            .join("merge", "ship", 4, new JoinDefinition.Input("chargeCard", ChargeCardResult.class),
                    new JoinDefinition.Input("pickShelf", PickShelfResult.class))
            .build();

    protected final SplitFork split = new SplitFork();

    protected CheckoutWorkflowBase() {
        super(DEFINITION);
    }

    public abstract Split prepare(PreparePayload payload) throws Exception;

    public abstract ChargeCardResult chargeCard(ChargeCardPayload payload) throws Exception;

    public abstract PickShelfPayload reserveStock(ReserveStockPayload payload) throws Exception;

    public abstract PickShelfResult pickShelf(PickShelfPayload payload) throws Exception;

    public abstract ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf) throws Exception;

    public abstract void ship(ShipPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        return switch (step) {
            case "prepare" -> prepare((PreparePayload) payload).result;
            case "chargeCard" -> StepResult.next("merge", chargeCard((ChargeCardPayload) payload));
            case "reserveStock" -> StepResult.next("pickShelf", reserveStock((ReserveStockPayload) payload));
            case "pickShelf" -> StepResult.next("merge", pickShelf((PickShelfPayload) payload));
            case "ship" -> {
                ship((ShipPayload) payload);
                yield StepResult.complete();
            }
            default -> throw new IllegalArgumentException("CheckoutWorkflow has no step " + step);
        };
    }

    @Override
    protected final StepResult executeJoin(String join, List<Object> results) throws Exception {
        return switch (join) {
            case "merge" -> StepResult.next("ship",
                    merge((ChargeCardResult) results.get(0), (PickShelfResult) results.get(1)));
            default -> throw new IllegalArgumentException("CheckoutWorkflow has no join " + join);
        };
    }

    /** The outcome of fork {@code split}. */
    public static final class Split {
        private final StepResult result;

        private Split(StepResult result) {
            this.result = result;
        }
    }

    /** Fork {@code split}. */
    public static final class SplitFork {
        private SplitFork() {
        }

        public Split start(ChargeCardPayload chargeCard, ReserveStockPayload reserveStock) {
            return new Split(StepResult.fork("split", chargeCard, reserveStock));
        }
    }
}
