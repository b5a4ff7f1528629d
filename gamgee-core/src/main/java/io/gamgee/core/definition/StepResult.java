package io.gamgee.core.definition;

import java.util.Objects;

/**
 * What a step execution asks for next: run {@code step} with {@code payload}, or end the workflow.
 * Generated base classes create these; user code never needs to.
 */
public final class StepResult {

    private static final StepResult COMPLETE = new StepResult(null, null);

    private final String nextStep;
    private final Object payload;

    private StepResult(String nextStep, Object payload) {
        this.nextStep = nextStep;
        this.payload = payload;
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
        return new StepResult(step, payload);
    }

    /** End the workflow. */
    public static StepResult complete() {
        return COMPLETE;
    }

    /** Whether the workflow ends here. */
    public boolean isComplete() {
        return nextStep == null;
    }

    /** The step to run next; {@code null} when complete. */
    public String nextStep() {
        return nextStep;
    }

    /** The next step's payload; {@code null} when complete. */
    public Object payload() {
        return payload;
    }

    @Override
    public String toString() {
        return isComplete() ? "complete" : "next " + nextStep;
    }
}
