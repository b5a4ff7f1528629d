package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.LastStepSignal;

/** The benchmark workflow ({@code three-steps.mermaid}): three no-op steps, the last one signals. */
public class ThreeStepsWorkflow extends ThreeStepsWorkflowBase {

    private final LastStepSignal signal;

    /** A workflow whose last step calls {@code signal}. */
    public ThreeStepsWorkflow(LastStepSignal signal) {
        this.signal = signal;
    }

    @Override
    public BPayload a(APayload payload) {
        return new BPayload(payload.n());
    }

    @Override
    public CPayload b(BPayload payload) {
        return new CPayload(payload.n());
    }

    @Override
    public void c(CPayload payload) {
        signal.lastStepRan();
    }
}
