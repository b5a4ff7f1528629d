package io.gamgee.cdi.greeting;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A service the workflow bean has injected; records what the steps did. */
@ApplicationScoped
public class Guestbook {

    private final List<String> entries = new CopyOnWriteArrayList<>();
    private final List<Object> workflowInstances = new CopyOnWriteArrayList<>();

    public void sign(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }

    public void executedBy(Object workflow) {
        workflowInstances.add(workflow);
    }

    public List<Object> workflowInstances() {
        return List.copyOf(workflowInstances);
    }
}
