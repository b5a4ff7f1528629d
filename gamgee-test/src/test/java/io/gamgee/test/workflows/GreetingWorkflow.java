package io.gamgee.test.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Greets; fails the first {@code failures} times it is called. */
public class GreetingWorkflow extends GreetingWorkflowBase {

    private final AtomicInteger failuresLeft;
    private final List<String> greeted;

    public GreetingWorkflow() {
        this(new AtomicInteger(), new CopyOnWriteArrayList<>());
    }

    public GreetingWorkflow(AtomicInteger failuresLeft, List<String> greeted) {
        this.failuresLeft = failuresLeft;
        this.greeted = greeted;
    }

    @Override
    public void greet(GreetPayload payload) {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("mail server down for " + payload.name());
        }
        greeted.add(payload.name());
    }
}
