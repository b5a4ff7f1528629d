package io.gamgee.examples.checkout;

import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks out a few orders on the embedded H2 store with four worker threads and prints each
 * order's path: the card and stock branches overlap, so an order takes about three calls' time
 * instead of four.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path data = Path.of(System.getProperty("demo.data", "target/checkout-data"));
        Services services = new SimulatedServices(150);
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new CheckoutWorkflow(services));
        try (JpaStateStore store = JpaStateStore.h2(data);
                WorkerPool pool = WorkerPool.builder(registry, store).threads(4).build().start()) {
            WorkflowClient client = WorkflowClient.create(store, registry);
            List<String> ids = new ArrayList<>();
            long run = System.nanoTime();
            for (int i = 1; i <= orders; i++) {
                ids.add(client.submit(CheckoutWorkflow.class,
                        new PreparePayload("order-" + run + "-" + i, "tok_visa", 1999L * i, "sku-" + i, i)));
            }
            Query checkouts = Query.workflowType("CheckoutWorkflow");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (ids.stream().anyMatch(id -> client.status(id).orElseThrow().status() == InstanceStatus.WAITING)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (String id : ids) {
                List<StepRecord> history = client.history(id);
                String path = history.stream()
                        .map(r -> r.step() + (r.outcome() == StepRecord.Outcome.RETRY_SCHEDULED ? " (retry)" : ""))
                        .collect(Collectors.joining(" → "));
                Duration took = Duration.between(history.get(0).startedAt(), history.get(history.size() - 1).finishedAt());
                System.out.printf("%s %s in %d ms: %s%n", id, client.status(id).orElseThrow().status(), took.toMillis(),
                        path);
            }
            System.out.println(client.count(checkouts, InstanceStatus.COMPLETED) + " checkouts completed in " + data);
        }
    }
}
