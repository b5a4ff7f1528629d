package io.gamgee.benchmarks.harness;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets the harness see a workflow's last step run without querying the database: the throughput
 * loop waits on the count, the latency loop on one permit, and only then confirms durable
 * completion with a query.
 */
public final class LastStepSignal {

    private final AtomicLong count = new AtomicLong();
    private final Semaphore permits = new Semaphore(0);

    /** Called by every system's last step. */
    public void lastStepRan() {
        count.incrementAndGet();
        permits.release();
    }

    /** How many last steps ran. */
    public long count() {
        return count.get();
    }

    /** Waits until one more last step ran. */
    public boolean await(Duration timeout) throws InterruptedException {
        return permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets last steps that ran before now (warm-up, duplicates). */
    public void drain() {
        permits.drainPermits();
    }
}
