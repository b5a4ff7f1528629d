package io.gamgee.test.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Takes the branch its payload names and remembers which steps ran. */
public class ConditionsWorkflow extends ConditionsWorkflowBase {

    private final List<String> ran;

    public ConditionsWorkflow() {
        this(new CopyOnWriteArrayList<>());
    }

    public ConditionsWorkflow(List<String> ran) {
        this.ran = ran;
    }

    @Override
    public ChoiceDecision decide(DecidePayload payload) {
        ran.add("decide");
        return "left".equals(payload.side()) ? choice.chooseLeft(new LeftPayload()) : choice.chooseRight(new RightPayload());
    }

    @Override
    public void left(LeftPayload payload) {
        ran.add("left");
    }

    @Override
    public void right(RightPayload payload) {
        ran.add("right");
    }
}
