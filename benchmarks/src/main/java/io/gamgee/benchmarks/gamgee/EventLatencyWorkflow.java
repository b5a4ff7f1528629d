package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.LastStepSignal;

/** The wait benchmark workflow ({@code event-latency.mermaid}): no-op steps around a wait; the last one signals. */
public class EventLatencyWorkflow extends EventLatencyWorkflowBase {

    private final LastStepSignal signal;

    /** A workflow whose last step calls {@code signal}. */
    public EventLatencyWorkflow(LastStepSignal signal) {
        this.signal = signal;
    }

    @Override
    public W a(APayload payload) {
        return w.await(new WPayload(payload.n()));
    }

    @Override
    public void b(BPayload payload) {
        signal.lastStepRan();
    }
}
