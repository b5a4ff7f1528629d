package io.gamgee.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class WorkflowRegistryTest {

    /** A payload Jackson cannot build: only an all-arguments constructor. */
    public static final class ShipPayload {
        private final String orderId;
        private final String address;

        public ShipPayload(String orderId, String address) {
            this.orderId = orderId;
            this.address = address;
        }

        public String getAddress() {
            return address;
        }

        public String getOrderId() {
            return orderId;
        }
    }

    public record ChargePayload(String orderId) {
    }

    static final class Checkout extends WorkflowBase<ChargePayload> {
        Checkout() {
            super(WorkflowDefinition.builder("CheckoutWorkflow", "h").source("checkout.mermaid").firstStep("charge")
                    .step("charge", ChargePayload.class, "ship", RetryPolicy.DEFAULT, 5)
                    .step("ship", ShipPayload.class, WorkflowDefinition.END, RetryPolicy.DEFAULT, 6)
                    .build());
        }

        @Override
        protected StepResult executeStep(String step, Object payload) {
            return step.equals("charge") ? StepResult.next("ship", new ShipPayload("o-1", "Bag End")) : StepResult.complete();
        }
    }

    @Test
    void aPayloadJsonCannotCarryFailsRegistrationNamingWorkflowStepAndType() {
        assertThatThrownBy(() -> WorkflowRegistry.of(Checkout::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workflow CheckoutWorkflow cannot be registered")
                .hasMessageContaining("step ship takes a " + ShipPayload.class.getName())
                .hasMessageContaining("Jackson cannot create one");
    }
}
