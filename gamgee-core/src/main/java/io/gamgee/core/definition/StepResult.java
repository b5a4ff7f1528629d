package io.gamgee.core.definition;

import java.util.List;
import java.util.Objects;

/**
 * What a step execution asks for next: run {@code step} with {@code payload}, start the branches
 * of a fork, hand a branch's result to its join, or end the workflow. Generated base classes
 * create these; user code never needs to.
 */
public final class StepResult {

    private static final StepResult COMPLETE = new StepResult(null, null, null);

    private final String nextStep;
    private final Object payload;
    private final List<Object> branchPayloads;

    private StepResult(String nextStep, Object payload, List<Object> branchPayloads) {
        this.nextStep = nextStep;
        this.payload = payload;
        this.branchPayloads = branchPayloads;
    }

    /**
     * Continue with {@code step}.
     *
     * @throws NullPointerException naming the step when the payload is {@code null}
     */
    public static StepResult next(String step, Object payload) {
        Objects.requireNonNull(step, "step");
        if (payload == null) {
            throw new NullPointerException("the payload for step " + step + " is null; return a "
                    + "payload object (a record without components is fine)");
        }
        return new StepResult(step, payload, null);
    }

    /**
     * Start every branch of {@code fork}: one payload per branch, in the fork's branch order, each
     * for the first step of its branch.
     *
     * @throws NullPointerException naming the fork when a payload is {@code null}
     */
    public static StepResult fork(String fork, Object... payloads) {
        Objects.requireNonNull(fork, "fork");
        for (int i = 0; i < payloads.length; i++) {
            if (payloads[i] == null) {
                throw new NullPointerException("the payload of branch " + (i + 1) + " of fork " + fork
                        + " is null; give every branch a payload object");
            }
        }
        return new StepResult(fork, null, List.of(payloads));
    }

    /** End the workflow. */
    public static StepResult complete() {
        return COMPLETE;
    }

    /** Whether this starts the branches of a fork ({@link #nextStep()} is the fork's name). */
    public boolean isFork() {
        return branchPayloads != null;
    }

    /** The first payload of every branch, in branch order, for a {@link #isFork() fork}; else empty. */
    public List<Object> branchPayloads() {
        return branchPayloads == null ? List.of() : branchPayloads;
    }

    /** Whether the workflow ends here. */
    public boolean isComplete() {
        return nextStep == null;
    }

    /** The step (or, for a fork, the fork; for a branch's last step, the join) next; {@code null} when complete. */
    public String nextStep() {
        return nextStep;
    }

    /** The next step's payload (a branch's result when it leads to a join); {@code null} when complete or a fork. */
    public Object payload() {
        return payload;
    }

    @Override
    public String toString() {
        return isComplete() ? "complete" : (isFork() ? "fork " : "next ") + nextStep;
    }
}
