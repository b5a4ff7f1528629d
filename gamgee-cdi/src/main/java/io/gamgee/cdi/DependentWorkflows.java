package io.gamgee.cdi;

import io.gamgee.core.WorkflowBase;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out a fresh {@code @Dependent} workflow bean per step execution and destroys it afterwards.
 *
 * <p>The registry calls its supplier on the worker thread right before each step and offers no
 * callback after it, so the instance made for a thread's previous step is destroyed when that thread
 * asks for the next one: by then the previous step has finished. Whatever is still held when the
 * container stops is destroyed by {@link #destroyAll()}.
 */
final class DependentWorkflows {

    private final Map<Thread, Instance.Handle<? extends WorkflowBase<?>>> inUse = new ConcurrentHashMap<>();

    /** A new instance for the calling thread's next step. */
    WorkflowBase<?> next(Instance<? extends WorkflowBase<?>> workflows) {
        Instance.Handle<? extends WorkflowBase<?>> handle = workflows.getHandle();
        WorkflowBase<?> workflow = handle.get();
        Instance.Handle<? extends WorkflowBase<?>> previous = inUse.put(Thread.currentThread(), handle);
        if (previous != null) {
            previous.destroy();
        }
        return workflow;
    }

    /** Destroys every instance still held; called once the workers have stopped. */
    void destroyAll() {
        inUse.values().removeIf(handle -> {
            handle.destroy();
            return true;
        });
    }
}
