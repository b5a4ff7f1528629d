package io.gamgee.examples.checkout;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker JVM for {@link CheckoutCrashTest}: four threads on the embedded store in {@code args[0]},
 * journaling to {@code args[1]}, never returning from calls to {@code args[2]}. It runs until killed.
 */
public final class CheckoutWorker {

    private CheckoutWorker() {
    }

    public static void main(String[] args) throws Exception {
        Services services = new JournalingServices(Path.of(args[1]), args[2]);
        JpaStateStore store = JpaStateStore.h2(Path.of(args[0]));
        WorkerPool.builder(WorkflowRegistry.of(() -> new CheckoutWorkflow(services)), store)
                .workerId("doomed").threads(4).lease(Duration.ofSeconds(2)).build().start();
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
