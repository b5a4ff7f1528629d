package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code OrderFulfillmentWorkflow} workflow, generated from com/example/out-of-order.mermaid. Extend it and implement one method per step.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class OrderFulfillmentWorkflowBase extends WorkflowBase<CheckStockPayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("OrderFulfillmentWorkflow", "66eacfaed1633936fb4596e1f9252ec8a274f0e01bb1b6ef0c01a0f1e27251cc")
            .source("com/example/out-of-order.mermaid")
            .firstStep("check_stock")
            .step("ship-order", ShipOrderPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 12)
            .step("check_stock", CheckStockPayload.class, "in-stock", RetryPolicy.of(3, 100), 13)
            .step("wait-for-stock", WaitForStockPayload.class, "ship-order", RetryPolicy.of(1, 1000), 15)
            .decision("in-stock", 17, "ship", "ship-order", "backorder", "wait-for-stock")
            .build();

    /**
     * Decision {@code in-stock} (com/example/out-of-order.mermaid:17): return one of its branch methods from the step before it.
     */
    protected final InStockBranches inStock = new InStockBranches();

    protected OrderFulfillmentWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code ship-order} (com/example/out-of-order.mermaid:12). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void shipOrder(ShipOrderPayload payload) throws Exception;

    /**
     * Step {@code check_stock} (com/example/out-of-order.mermaid:13). Leads to decision {@code in-stock}: return one of {@code inStock}'s branch methods.
     *
     * <p>Tried up to 3 times, with a base backoff of 100 ms.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract InStockDecision checkStock(CheckStockPayload payload) throws Exception;

    /**
     * Step {@code wait-for-stock} (com/example/out-of-order.mermaid:15). Leads to step {@code ship-order}: return its payload.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract ShipOrderPayload waitForStock(WaitForStockPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "ship-order" -> {
                shipOrder((ShipOrderPayload) payload);
                return StepResult.complete();
            }
            case "check_stock" -> {
                InStockDecision decision = checkStock((CheckStockPayload) payload);
                if (decision == null) {
                    throw new NullPointerException("step check_stock returned null; return one of inStock's branch methods");
                }
                return decision.result;
            }
            case "wait-for-stock" -> {
                return StepResult.next("ship-order", waitForStock((WaitForStockPayload) payload));
            }
            default -> throw new IllegalArgumentException("OrderFulfillmentWorkflow has no step " + step);
        }
    }

    /**
     * The outcome of decision {@code in-stock}; only {@link InStockBranches}'s methods make one.
     */
    public static final class InStockDecision {
        private final StepResult result;

        private InStockDecision(StepResult result) {
            this.result = result;
        }
    }

    /**
     * The branches of decision {@code in-stock} (com/example/out-of-order.mermaid:17).
     */
    public static final class InStockBranches {
        private InStockBranches() {
        }

        /**
         * Branch {@code ship} (com/example/out-of-order.mermaid:14): continue with step {@code ship-order}.
         */
        public InStockDecision ship(ShipOrderPayload payload) {
            return new InStockDecision(StepResult.next("ship-order", payload));
        }

        /**
         * Branch {@code backorder} (com/example/out-of-order.mermaid:15): continue with step {@code wait-for-stock}.
         */
        public InStockDecision backorder(WaitForStockPayload payload) {
            return new InStockDecision(StepResult.next("wait-for-stock", payload));
        }
    }
}
