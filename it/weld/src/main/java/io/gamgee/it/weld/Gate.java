package io.gamgee.it.weld;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the {@code hold} step while the system property {@code it.gate.closed} is {@code true} at
 * container start, so a test can stop the container in the middle of a workflow.
 */
@ApplicationScoped
public class Gate {

    private final boolean closed = Boolean.getBoolean("it.gate.closed");
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    public void pass() throws InterruptedException {
        arrived.countDown();
        if (closed) {
            opened.await();
        }
    }

    /** Waits until a step reached the gate, at most {@code timeout}. */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
