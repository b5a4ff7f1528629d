package io.gamgee.examples.orders;

import io.gamgee.cdi.GamgeeRuntime;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.dashboard.GamgeeDashboard;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Submits a batch of orders to the order-fulfillment workflow on Weld SE with the embedded H2 store,
 * shows the workers' progress, and prints a summary. Interrupt it (Ctrl-C, or {@code kill -9}) and
 * run it again: it resumes the orders that were in flight instead of starting over.
 */
public final class Demo {

    private static final Query ORDERS = Query.workflowType("OrderFulfillmentWorkflow");
    /** Held so that its level stays set (the logging framework keeps loggers only weakly). */
    private static final java.util.logging.Logger STEP_FAILURES =
            java.util.logging.Logger.getLogger("io.gamgee.core.WorkflowWorker");

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        int orders = Integer.getInteger("demo.orders", 400);
        Path data = Path.of(System.getProperty("demo.data", "demo-data")).toAbsolutePath();
        defaultProperty("gamgee.store.directory", data.toString());
        defaultProperty("gamgee.workers.threads", "8");
        // a killed run's leases must expire before its orders can be taken over: keep them short
        defaultProperty("gamgee.workers.lease", "PT3S");
        defaultProperty("gamgee.workers.poll-interval", "PT0.1S");
        defaultProperty("demo.latencyMs", "40");
        quietLibraryLogging();
        Tracing.installIfConfigured();

        SeContainer container = SeContainerInitializer.newInstance().initialize();
        AtomicBoolean finished = new AtomicBoolean();
        Thread shutdown = new Thread(() -> {
            if (!finished.get()) {
                System.out.println();
                System.out.println("Interrupted. Run the same command again to resume the orders in flight.");
                container.close();
            }
        });
        Runtime.getRuntime().addShutdownHook(shutdown);

        WorkflowClient client = container.select(WorkflowClient.class).get();
        GamgeeRuntime gamgee = container.select(GamgeeRuntime.class).get();
        GamgeeDashboard dashboard = startDashboard(client, container.select(WorkflowRegistry.class).get());
        long finishedBefore = finishedCount(client);
        long resumed = client.count(ORDERS, InstanceStatus.WAITING);
        int batch = resumed > 0 ? latestBatch(client) : latestBatch(client) + 1;
        for (int i = 1; i <= orders; i++) {
            // ids are business keys: re-submitting an order that already exists does nothing
            client.submit(OrderFulfillmentWorkflow.class, order(batch, i), orderId(batch, i));
        }
        long total = totalCount(client) - finishedBefore;
        long started = System.nanoTime();

        System.out.printf("Order fulfillment demo: batch %d, %d orders (%s), %d workers, state in %s%n",
                batch, total, resumed > 0 ? resumed + " in flight, resumed from an interrupted run" : "new",
                gamgee.settings().threads(), data);
        if (dashboard != null) {
            System.out.println("Watch them on the diagram: " + dashboard.url());
        }
        Progress progress = new Progress(System.console() != null);
        while (true) {
            List<WorkflowStatus> waiting = client.list(ORDERS, InstanceStatus.WAITING, 0, Integer.MAX_VALUE);
            long done = finishedCount(client) - finishedBefore;
            progress.draw(waiting, done, total, elapsed(started), container.select(PaymentGateway.class).get().timeouts());
            if (waiting.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }

        WorkerPool pool = gamgee.workers();
        long steps = pool == null ? 0 : pool.stepsExecuted();
        Duration elapsed = elapsed(started);
        long completed = client.count(ORDERS, InstanceStatus.COMPLETED);
        long unrecoverable = client.count(ORDERS, InstanceStatus.UNRECOVERABLE);
        Shipping shipping = container.select(Shipping.class).get();
        PaymentGateway payments = container.select(PaymentGateway.class).get();
        System.out.println();
        System.out.printf("Done in %.1f s: %d steps, %.0f steps/s%n", elapsed.toMillis() / 1000.0, steps,
                steps * 1000.0 / Math.max(1, elapsed.toMillis()));
        System.out.printf("  this run: shipped %d, refunded %d, payment timeouts retried %d, resumed %d%n",
                shipping.shipped(), payments.refunds(), payments.timeouts(), resumed);
        System.out.printf("  all runs: completed %d, unrecoverable %d (see their last error with WorkflowClient.status)%n",
                completed, unrecoverable);
        if (dashboard != null && Boolean.getBoolean("demo.keepDashboard")) {
            System.out.println("The dashboard stays up at " + dashboard.url() + " until you stop the demo (Ctrl-C).");
            Thread.sleep(Long.MAX_VALUE);
        }
        finished.set(true);
        Runtime.getRuntime().removeShutdownHook(shutdown);
        if (dashboard != null) {
            dashboard.close();
        }
        container.close();
    }

    /**
     * The dashboard on {@code demo.dashboardPort} (8089; 0 for none), bound to 127.0.0.1; a port in
     * use only costs the demo its dashboard.
     */
    private static GamgeeDashboard startDashboard(WorkflowClient client, WorkflowRegistry registry) {
        int port = Integer.getInteger("demo.dashboardPort", 8089);
        if (port == 0) {
            return null;
        }
        try {
            return GamgeeDashboard.builder(client, registry).port(port).start();
        } catch (RuntimeException e) {
            System.out.println("(no dashboard: " + e.getMessage() + ")");
            return null;
        }
    }

    private static ReserveStockPayload order(int batch, int i) {
        return new ReserveStockPayload(orderId(batch, i), "SKU-" + (i % 17), 1 + i % 3, 1_000 + 37L * i,
                "customer" + i + "@example.com");
    }

    private static String orderId(int batch, int i) {
        return String.format("batch-%03d-order-%04d", batch, i);
    }

    private static int latestBatch(WorkflowClient client) {
        long total = totalCount(client);
        if (total == 0) {
            return 0;
        }
        String id = client.list(ORDERS, null, (int) total - 1, 1).get(0).instanceId();
        return Integer.parseInt(id.substring("batch-".length(), "batch-".length() + 3));
    }

    private static long totalCount(WorkflowClient client) {
        return client.count(ORDERS, null);
    }

    private static long finishedCount(WorkflowClient client) {
        return totalCount(client) - client.count(ORDERS, InstanceStatus.WAITING);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The demo draws its own progress: only warnings from the libraries (java.util.logging). */
    private static void quietLibraryLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        // an order whose payment keeps timing out is part of the show: the table and the summary
        // count it, so its warning (with a stack trace) would only scroll the table away
        STEP_FAILURES.setLevel(java.util.logging.Level.SEVERE);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
