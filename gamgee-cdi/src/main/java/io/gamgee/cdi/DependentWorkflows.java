package io.gamgee.cdi;

import io.gamgee.core.WorkflowBase;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out a fresh {@code @Dependent} workflow bean per step execution and destroys it afterwards.
 *
 * <p>The registry calls its supplier on the worker thread right before each step and offers no
 * callback after it, so the instance made for a thread's previous step is destroyed when that thread
 * asks for the next one: by then the previous step has finished. What is still held when the workers
 * stop is destroyed by {@link #destroyAll()}. Threads that only submit (the client also asks for an
 * instance, to read its definition) are held weakly: a finished request thread does not keep its
 * instance alive.
 */
final class DependentWorkflows {

    private final Map<Thread, Instance.Handle<? extends WorkflowBase<?>>> lastByThread =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** A new instance for the calling thread's next step. */
    WorkflowBase<?> next(Instance<? extends WorkflowBase<?>> workflows) {
        Instance.Handle<? extends WorkflowBase<?>> handle = workflows.getHandle();
        WorkflowBase<?> workflow = handle.get();
        Instance.Handle<? extends WorkflowBase<?>> previous = lastByThread.put(Thread.currentThread(), handle);
        if (previous != null) {
            previous.destroy();
        }
        return workflow;
    }

    /** Destroys every instance still held; called once the workers have stopped. */
    void destroyAll() {
        List<Instance.Handle<? extends WorkflowBase<?>>> held;
        synchronized (lastByThread) {
            held = new ArrayList<>(lastByThread.values());
            lastByThread.clear();
        }
        held.forEach(Instance.Handle::destroy);
    }
}
