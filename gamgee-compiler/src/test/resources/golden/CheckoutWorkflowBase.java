package com.example;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Base class of the {@code CheckoutWorkflow} workflow, generated from com/example/checkout.mermaid. Extend it and implement one method per step and one merge method per join.
 *
 * <p>Do not edit: the diagram is the source; this file is written again whenever it is compiled.
 */
@Generated("io.gamgee.compiler.DiagramCompiler")
public abstract class CheckoutWorkflowBase extends WorkflowBase<PreparePayload> {
    /**
     * The compiled diagram.
     */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("CheckoutWorkflow", "6f53a86153c3499f994a088dab78f497aa7d2e24907aece1bf147b1d3b9181e6")
            .source("com/example/checkout.mermaid")
            .firstStep("prepare")
            .step("prepare", PreparePayload.class, "split", RetryPolicy.of(1, 1000), 7)
            .step("chargeCard", ChargeCardPayload.class, "merge", RetryPolicy.of(1, 1000), 9)
            .step("reserveStock", ReserveStockPayload.class, "pickShelf", RetryPolicy.of(5, 200), 10)
            .step("pickShelf", PickShelfPayload.class, "merge", RetryPolicy.of(1, 1000), 13)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.of(1, 1000), 15)
            .fork("split", "merge", 5, "chargeCard", "reserveStock")
            .join("merge", "ship", 6,
                new JoinDefinition.Input("chargeCard", ChargeCardResult.class),
                new JoinDefinition.Input("pickShelf", PickShelfResult.class))
            .build();

    /**
     * Fork {@code split} (com/example/checkout.mermaid:5): return {@code split.start(…)} from the step before it to start every branch.
     */
    protected final SplitFork split = new SplitFork();

    protected CheckoutWorkflowBase() {
        super(DEFINITION);
    }

    /**
     * Step {@code prepare} (com/example/checkout.mermaid:7). Leads to fork {@code split}: return {@code split.start(…)}, which starts every branch.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract Split prepare(PreparePayload payload) throws Exception;

    /**
     * Step {@code chargeCard} (com/example/checkout.mermaid:9). Ends a branch of fork {@code split}: return the branch's result, which join {@code merge} merges with the other branches' results.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract ChargeCardResult chargeCard(ChargeCardPayload payload) throws Exception;

    /**
     * Step {@code reserveStock} (com/example/checkout.mermaid:10). Leads to step {@code pickShelf}: return its payload.
     *
     * <p>Tried up to 5 times, with a base backoff of 200 ms.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract PickShelfPayload reserveStock(ReserveStockPayload payload) throws Exception;

    /**
     * Step {@code pickShelf} (com/example/checkout.mermaid:13). Ends a branch of fork {@code split}: return the branch's result, which join {@code merge} merges with the other branches' results.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract PickShelfResult pickShelf(PickShelfPayload payload) throws Exception;

    /**
     * Step {@code ship} (com/example/checkout.mermaid:15). Ends the workflow.
     *
     * @param payload the payload this step was given
     * @throws Exception to fail this attempt; the step is retried while attempts remain
     */
    public abstract void ship(ShipPayload payload) throws Exception;

    /**
     * Join {@code merge} (com/example/checkout.mermaid:6): merges the results of fork {@code split}'s branches into the payload of step {@code ship}.
     *
     * <p>Runs exactly once per instance, after every branch has finished. It must be a pure function of the results: it may run again if a worker dies before its result is stored, so side effects belong in steps.
     *
     * @param chargeCard what step {@code chargeCard}, the last of branch 1, returned
     * @param pickShelf what step {@code pickShelf}, the last of branch 2, returned
     * @return the payload of step {@code ship}
     * @throws Exception to fail the merge; the instance becomes unrecoverable at the join
     */
    public abstract ShipPayload merge(ChargeCardResult chargeCard, PickShelfResult pickShelf) throws
            Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "prepare" -> {
                Split fork = prepare((PreparePayload) payload);
                if (fork == null) {
                    throw new NullPointerException("step prepare returned null; return split.start(…)");
                }
                return fork.result;
            }
            case "chargeCard" -> {
                return StepResult.next("merge", chargeCard((ChargeCardPayload) payload));
            }
            case "reserveStock" -> {
                return StepResult.next("pickShelf", reserveStock((ReserveStockPayload) payload));
            }
            case "pickShelf" -> {
                return StepResult.next("merge", pickShelf((PickShelfPayload) payload));
            }
            case "ship" -> {
                ship((ShipPayload) payload);
                return StepResult.complete();
            }
            default -> throw new IllegalArgumentException("CheckoutWorkflow has no step " + step);
        }
    }

    @Override
    protected final StepResult executeJoin(String join, List<Object> results) throws Exception {
        switch (join) {
            case "merge" -> {
                return StepResult.next("ship", merge((ChargeCardResult) results.get(0), (PickShelfResult) results.get(1)));
            }
            default -> throw new IllegalArgumentException("CheckoutWorkflow has no join " + join);
        }
    }

    /**
     * The start of fork {@code split}'s branches; only {@link SplitFork#start}, through {@code split}, makes one.
     */
    public static final class Split {
        private final StepResult result;

        private Split(StepResult result) {
            this.result = result;
        }
    }

    /**
     * Fork {@code split} (com/example/checkout.mermaid:5): its branches run in parallel and end at join {@code merge}.
     */
    public static final class SplitFork {
        private SplitFork() {
        }

        /**
         * Starts every branch of fork {@code split} at once, each with the payload of its first step; each branch step then runs on its own, and join {@code merge} merges their results.
         *
         * @param chargeCard the payload of step {@code chargeCard}, which starts branch 1 (com/example/checkout.mermaid:9)
         * @param reserveStock the payload of step {@code reserveStock}, which starts branch 2 (com/example/checkout.mermaid:10)
         * @return what the step before the fork returns
         */
        public Split start(ChargeCardPayload chargeCard, ReserveStockPayload reserveStock) {
            return new Split(StepResult.fork("split", chargeCard, reserveStock));
        }
    }
}
