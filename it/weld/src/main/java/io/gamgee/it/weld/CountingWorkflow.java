package io.gamgee.it.weld;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@code @Dependent} workflow: each step runs on its own instance, destroyed afterwards. */
@Dependent
public class CountingWorkflow extends CountingWorkflowBase {

    /** Identities of destroyed instances. */
    public static final List<Integer> DESTROYED = new CopyOnWriteArrayList<>();

    @Inject
    Guestbook guestbook;

    @Override
    public SecondPayload first(FirstPayload payload) {
        guestbook.write("first@" + System.identityHashCode(this));
        return new SecondPayload(payload.number() + 1);
    }

    @Override
    public void second(SecondPayload payload) {
        guestbook.write("second@" + System.identityHashCode(this));
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.add(System.identityHashCode(this));
    }
}
