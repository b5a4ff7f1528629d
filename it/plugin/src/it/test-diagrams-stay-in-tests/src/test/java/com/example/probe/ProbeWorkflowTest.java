package com.example.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamgee.core.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class ProbeWorkflowTest {

    @Test
    void theTestDiagramIsTheDefinition() {
        WorkflowDefinition definition = new ProbeWorkflow().definition();
        assertEquals("ProbeWorkflow", definition.workflowType());
        assertEquals("ping", definition.firstStep());
        assertEquals("pong", definition.step("ping").orElseThrow().next());
    }
}
