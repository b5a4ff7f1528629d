package io.gamgee.cdi.dependent;

import io.gamgee.cdi.greeting.GreetPayload;
import io.gamgee.cdi.greeting.GreetingWorkflowBase;
import io.gamgee.cdi.greeting.Guestbook;
import io.gamgee.cdi.greeting.RecordPayload;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@code @Dependent} workflow: each step must run on a new instance, destroyed afterwards. */
@Dependent
public class FreshGreetingWorkflow extends GreetingWorkflowBase {

    public static final List<Object> DESTROYED = new CopyOnWriteArrayList<>();

    @Inject
    Guestbook guestbook;

    @Override
    public RecordPayload greet(GreetPayload payload) {
        guestbook.executedBy(this);
        return new RecordPayload("Hello, " + payload.name() + "!");
    }

    @Override
    public void record(RecordPayload payload) {
        guestbook.executedBy(this);
        guestbook.sign(payload.greeting());
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.add(this);
    }
}
