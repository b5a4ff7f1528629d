package io.gamgee.examples.conditions;

import java.util.function.BooleanSupplier;

/** Decides at random, then takes the left or the right branch (see {@code conditions.mermaid}). */
public class ConditionsWorkflow extends ConditionsWorkflowBase {

    private final BooleanSupplier goLeft;

    /** Flips a coin. */
    public ConditionsWorkflow() {
        this(() -> Math.random() < 0.5);
    }

    /** Asks {@code goLeft} which way to go, so tests can choose. */
    public ConditionsWorkflow(BooleanSupplier goLeft) {
        this.goLeft = goLeft;
    }

    @Override
    public ChoiceDecision decide(DecidePayload payload) {
        return goLeft.getAsBoolean()
                ? choice.chooseLeft(new LeftPayload())
                : choice.chooseRight(new RightPayload());
    }

    @Override
    public void left(LeftPayload payload) {
        System.out.println("We chose left");
    }

    @Override
    public void right(RightPayload payload) {
        System.out.println("We chose right");
    }
}
