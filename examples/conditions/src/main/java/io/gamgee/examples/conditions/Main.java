package io.gamgee.examples.conditions;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;

/** Submits ten instances of the conditions workflow and lets a pool of workers run them. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkflowRegistry registry = WorkflowRegistry.of(ConditionsWorkflow::new);
        try (JpaStateStore store = JpaStateStore.h2(Path.of("target", "gamgee-data"));
                WorkerPool pool = WorkerPool.builder(registry, store).threads(2).fetchStrategy(FetchStrategy.OLDEST).build()) {
            pool.start();
            WorkflowClient client = WorkflowClient.create(store, registry);
            for (int i = 0; i < 10; i++) {
                client.submit(ConditionsWorkflow.class, new DecidePayload());
            }
            Query query = Query.workflowType("ConditionsWorkflow");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.count(query, InstanceStatus.WAITING) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("completed: " + client.count(query, InstanceStatus.COMPLETED));
        }
    }
}
