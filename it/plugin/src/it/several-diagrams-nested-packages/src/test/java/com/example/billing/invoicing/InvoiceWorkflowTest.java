package com.example.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamgee.core.definition.StepResult;
import org.junit.jupiter.api.Test;

class InvoiceWorkflowTest {

    @Test
    void aStepsReturnValueIsTheNextStepsPayload() throws Exception {
        InvoiceWorkflow workflow = new InvoiceWorkflow();

        StepResult result = workflow.executeStep("draft", new DraftPayload("ACME", 1250));

        assertEquals("send", result.nextStep());
        assertEquals(new SendPayload("ACME owes 1250 cents"), result.payload());
    }
}
