package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.LastStepSignal;

/** The fork benchmark workflow ({@code fork-four.mermaid}): no-op steps; the last one signals. */
public class ForkFourWorkflow extends ForkFourWorkflowBase {

    private final LastStepSignal signal;

    /** A workflow whose last step calls {@code signal}. */
    public ForkFourWorkflow(LastStepSignal signal) {
        this.signal = signal;
    }

    @Override
    public Split start(StartPayload payload) {
        int n = payload.n();
        return split.start(new B1Payload(n), new B2Payload(n), new B3Payload(n), new B4Payload(n));
    }

    @Override
    public B1Result b1(B1Payload payload) {
        return new B1Result(payload.n());
    }

    @Override
    public B2Result b2(B2Payload payload) {
        return new B2Result(payload.n());
    }

    @Override
    public B3Result b3(B3Payload payload) {
        return new B3Result(payload.n());
    }

    @Override
    public B4Result b4(B4Payload payload) {
        return new B4Result(payload.n());
    }

    @Override
    public DonePayload merge(B1Result b1, B2Result b2, B3Result b3, B4Result b4) {
        if (b1.n() != b2.n() || b2.n() != b3.n() || b3.n() != b4.n()) {
            throw new IllegalStateException("branches of workflow " + b1.n() + " disagree");
        }
        return new DonePayload(b1.n());
    }

    @Override
    public void done(DonePayload payload) {
        signal.lastStepRan();
    }
}
