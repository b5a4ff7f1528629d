package io.gamgee.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker thread's place in a {@link WorkerPool}: the guard of the step it runs (so a closing
 * pool can take the claim back) and whether the pool has given up on it because a step hung.
 */
final class WorkerSlot {

    /** Told when a step of this slot's thread outlived its timeout. */
    @FunctionalInterface
    interface Listener {
        void stepTimedOut(WorkerSlot slot);
    }

    final String workerId;
    final AtomicReference<StepGuard> running = new AtomicReference<>();
    private final Listener listener;
    /** Set once the pool replaced this thread; it ends when its step returns. */
    volatile boolean retired;
    volatile Thread thread;

    WorkerSlot(String workerId, Listener listener) {
        this.workerId = workerId;
        this.listener = listener;
    }

    void stepTimedOut() {
        listener.stepTimedOut(this);
    }
}
