package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import io.gamgee.test.WorkflowTestKit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConditionsWorkflowTest {

    @RegisterExtension
    final WorkflowTestKit kit = WorkflowTestKit.of(ConditionsWorkflow::new);

    @Test
    void completesInTheTestKit() {
        String id = kit.submit(ConditionsWorkflow.class, new DecidePayload());
        kit.runUntilIdle();
        assertEquals(InstanceStatus.COMPLETED, kit.statusOf(id).status());
    }

    @Test
    void completesOnTheEmbeddedStore(@TempDir Path dir) throws Exception {
        WorkflowRegistry registry = WorkflowRegistry.of(ConditionsWorkflow::new);
        try (JpaStateStore store = JpaStateStore.h2(dir);
                WorkerPool pool = WorkerPool.builder(registry, store).threads(1).build().start()) {
            WorkflowClient client = WorkflowClient.create(store, registry);
            String id = client.submit(ConditionsWorkflow.class, new DecidePayload());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (client.status(id).orElseThrow().status() == InstanceStatus.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(InstanceStatus.COMPLETED, client.status(id).orElseThrow().status());
        }
    }
}
