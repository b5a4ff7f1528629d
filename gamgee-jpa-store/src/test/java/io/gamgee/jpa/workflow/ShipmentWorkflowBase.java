package io.gamgee.jpa.workflow;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;

/**
 * Written in the shape the compiler generates for
 * <pre>
 * ---
 * title: Shipment
 * ---
 * stateDiagram-v2
 *     [*] --> reserve
 *     reserve --> charge
 *     charge --> ship
 *     ship --> [*]
 * </pre>
 */
public abstract class ShipmentWorkflowBase extends WorkflowBase<ReservePayload> {

    /** The compiled diagram. */
    public static final WorkflowDefinition DEFINITION = WorkflowDefinition.builder("ShipmentWorkflow", "shipment-v1")
            .source("io/gamgee/jpa/workflow/shipment.mermaid")
            .firstStep("reserve")
            .step("reserve", ReservePayload.class, "charge", RetryPolicy.of(3, 10), 6)
            .step("charge", ChargePayload.class, "ship", RetryPolicy.of(3, 10), 7)
            .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.of(3, 10), 8)
            .build();

    protected ShipmentWorkflowBase() {
        super(DEFINITION);
    }

    /** Step {@code reserve}. Leads to step {@code charge}. */
    public abstract ChargePayload reserve(ReservePayload payload) throws Exception;

    /** Step {@code charge}. Leads to step {@code ship}. */
    public abstract ShipPayload charge(ChargePayload payload) throws Exception;

    /** Step {@code ship}. Ends the workflow. */
    public abstract void ship(ShipPayload payload) throws Exception;

    @Override
    protected final StepResult executeStep(String step, Object payload) throws Exception {
        switch (step) {
            case "reserve":
                return StepResult.next("charge", reserve((ReservePayload) payload));
            case "charge":
                return StepResult.next("ship", charge((ChargePayload) payload));
            case "ship":
                ship((ShipPayload) payload);
                return StepResult.complete();
            default:
                throw new IllegalArgumentException("ShipmentWorkflow has no step " + step);
        }
    }
}
