package com.example;

/** README's step 4. */
public class ConditionsWorkflow extends ConditionsWorkflowBase {
    @Override public ChoiceDecision decide(DecidePayload payload) {
        return Math.random() < 0.5
                ? choice.chooseLeft(new LeftPayload())
                : choice.chooseRight(new RightPayload());
    }
    @Override public void left(LeftPayload payload) { System.out.println("We chose left"); }
    @Override public void right(RightPayload payload) { System.out.println("We chose right"); }
}
