package io.gamgee.examples.simple;

import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;

/** Submits one greeting to an embedded H2 store and runs it with a worker. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try (JpaStateStore store = JpaStateStore.h2(Path.of("target", "gamgee-data"))) {
            GreetingWorkflow workflow = new GreetingWorkflow();
            String id = workflow.submit(new GreetPayload(args.length > 0 ? args[0] : "world"), store);

            WorkflowWorker worker = new WorkflowWorker(WorkflowRegistry.of(GreetingWorkflow::new));
            ExecutionResult result = worker.executeWaitingWorkflow(
                    store, Query.workflowType(workflow.workflowType()), FetchStrategy.RANDOM, Duration.ofSeconds(1));
            System.out.println("instance " + id + ": " + result);
        }
    }
}
