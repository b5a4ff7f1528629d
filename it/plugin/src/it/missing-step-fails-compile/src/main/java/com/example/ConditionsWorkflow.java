package com.example;

// The diagram has a step "right" that this class forgot.
public class ConditionsWorkflow extends ConditionsWorkflowBase {

    @Override
    public ChoiceDecision decide(DecidePayload payload) {
        return choice.chooseLeft(new LeftPayload());
    }

    @Override
    public void left(LeftPayload payload) {
    }
}
