package io.gamgee.dashboard;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/**
 * The dashboard tests' workflow, written as the compiler would generate it for:
 * <pre>
 * [*] --> charge
 * charge --> charge: attempts=2\nbackoffMs=1
 * charge --> route
 * route --> ship: toShip
 * route --> [*]: toEnd
 * ship --> [*]
 * </pre>
 * {@code charge} fails with the payload's note as message when {@code fail} is set.
 */
public class OrderWorkflow extends WorkflowBase<OrderWorkflow.Order> {

    /** Every step's payload. */
    public record Order(String note, boolean fail, boolean ship) {
    }

    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("OrderWorkflow", "0rd3r")
            .source("io/gamgee/dashboard/order.mermaid")
            .firstStep("charge")
            .step("charge", Order.class, "route", RetryPolicy.of(2, 1), 6)
            .step("ship", Order.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 10)
            .decision("route", 5, "toShip", "ship", "toEnd", WorkflowDefinition.END)
            .build();

    public OrderWorkflow() {
        super(DEFINITION);
    }

    @Override
    protected StepResult executeStep(String step, Object payload) {
        Order order = (Order) payload;
        switch (step) {
            case "charge":
                if (order.fail()) {
                    throw new IllegalStateException("card declined: " + order.note());
                }
                return order.ship() ? StepResult.next("ship", order) : StepResult.complete();
            case "ship":
                return StepResult.complete();
            default:
                throw new IllegalArgumentException("OrderWorkflow has no step " + step);
        }
    }
}
