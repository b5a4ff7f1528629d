package ${package};

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Submits three greetings to the embedded H2 store under {@code target/gamgee-data}, lets a pool of
 * workers run them, prints where each ended, and exits. Instances survive a crash: a workflow still
 * waiting when the JVM dies runs on the next start.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkflowRegistry registry = WorkflowRegistry.of(GreetingWorkflow::new);
        try (JpaStateStore store = JpaStateStore.h2(Path.of("target", "gamgee-data"));
                WorkerPool pool = WorkerPool.builder(registry, store).threads(2).build().start()) {
            WorkflowClient client = WorkflowClient.create(store, registry);
            List<String> ids = List.of(
                    client.submit(GreetingWorkflow.class, new ReceivePayload("Ada", "en")),
                    client.submit(GreetingWorkflow.class, new ReceivePayload("Grace", "en")),
                    client.submit(GreetingWorkflow.class, new ReceivePayload("Marie", "fr")));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (waiting(client, ids) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long completed = ids.stream()
                    .filter(id -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED)
                    .count();
            System.out.println(completed + " of " + ids.size() + " greeting workflows completed");
            if (completed != ids.size()) {
                throw new IllegalStateException("not every workflow completed: " + ids.stream()
                        .map(id -> client.status(id).orElseThrow().toString()).toList());
            }
        }
    }

    private static long waiting(WorkflowClient client, List<String> ids) {
        return ids.stream()
                .filter(id -> client.status(id).orElseThrow().status() == InstanceStatus.WAITING)
                .count();
    }
}
