package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class OrderFulfillmentWorkflowTest {

    private final OrderFulfillmentWorkflow workflow = new OrderFulfillmentWorkflow();

    @Test
    void theDefinitionIsTheDiagram() {
        WorkflowDefinition definition = workflow.definition();

        assertEquals("OrderFulfillmentWorkflow", workflow.workflowType());
        assertEquals("reserve", definition.firstStep());
        assertEquals(ReservePayload.class, definition.first().payloadType());
        assertEquals(3, definition.step("ship").orElseThrow().retryPolicy().attempts());
        assertEquals(500, definition.step("ship").orElseThrow().retryPolicy().backoffMs());
        assertEquals("com/example/orders/order.mermaid", definition.source());
    }

    @Test
    void theDecisionTakenInAStepChoosesTheNextStep() throws Exception {
        StepResult inStock = workflow.executeStep("reserve", new ReservePayload("o-1", 2, 5));
        StepResult shortOfStock = workflow.executeStep("reserve", new ReservePayload("o-2", 4, 1));

        assertEquals("ship", inStock.nextStep());
        assertEquals(new ShipPayload("o-1"), inStock.payload());
        assertEquals("backorder", shortOfStock.nextStep());
        assertEquals(new BackorderPayload("o-2", 3), shortOfStock.payload());
    }

    @Test
    void aStepLeadingToTheEndCompletesTheWorkflow() throws Exception {
        assertTrue(workflow.executeStep("ship", new ShipPayload("o-1")).isComplete());
    }
}
