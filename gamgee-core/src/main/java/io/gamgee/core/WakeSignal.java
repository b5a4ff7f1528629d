package io.gamgee.core;

import io.gamgee.core.store.StateStore;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM-local "new work" signal per store, so that workers waiting on a store run a task submitted
 * in the same JVM at once instead of at their next poll. Work submitted by other JVMs is found by
 * polling; the signal only shortens the wait.
 */
final class WakeSignal {

    private static final Map<StateStore, WakeSignal> SIGNALS = new WeakHashMap<>();

    private long generation;

    private WakeSignal() {
    }

    /** The signal of {@code store} (by identity; forgotten when the store is). */
    static WakeSignal of(StateStore store) {
        synchronized (SIGNALS) {
            return SIGNALS.computeIfAbsent(store, s -> new WakeSignal());
        }
    }

    /** A token to pass to {@link #await}: wakes only for signals after this call. */
    synchronized long generation() {
        return generation;
    }

    /** Wakes every waiter. */
    synchronized void signal() {
        generation++;
        notifyAll();
    }

    /**
     * Waits until a signal after {@code seen} arrives or {@code nanos} pass.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    synchronized void await(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
