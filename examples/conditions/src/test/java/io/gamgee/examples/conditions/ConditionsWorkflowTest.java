package io.gamgee.examples.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.jpa.JpaStateStore;
import io.gamgee.test.WorkflowTestKit;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionsWorkflowTest {

    private final AtomicBoolean goLeft = new AtomicBoolean();
    private final WorkflowTestKit kit = WorkflowTestKit.of(() -> new ConditionsWorkflow(goLeft::get));

    @Test
    void takesTheLeftBranch() {
        goLeft.set(true);
        String id = kit.submit(ConditionsWorkflow.class, new DecidePayload());

        kit.runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(kit.history(id)).extracting(StepRecord::step).containsExactly("decide", "left");
    }

    @Test
    void takesTheRightBranch() {
        goLeft.set(false);
        String id = kit.submit(ConditionsWorkflow.class, new DecidePayload());

        kit.runUntilIdle();

        assertThat(kit.history(id)).extracting(StepRecord::step).containsExactly("decide", "right");
    }

    @Test
    void eachStepIsASpanOfOneTrace() {
        goLeft.set(true);
        kit.submit(ConditionsWorkflow.class, new DecidePayload());

        kit.runUntilIdle();

        assertThat(kit.spans()).extracting(s -> s.getName())
                .containsExactly("ConditionsWorkflow.decide", "ConditionsWorkflow.left");
        assertThat(kit.spans()).extracting(s -> s.getTraceId()).containsOnly(kit.spans().get(0).getTraceId());
        assertThat(kit.spans().get(1).getParentSpanId()).isEqualTo(kit.spans().get(0).getSpanId());
    }

    @Test
    void aWorkerPoolRunsItOnTheEmbeddedH2Store(@TempDir Path dir) throws Exception {
        AtomicInteger decisions = new AtomicInteger();
        WorkflowRegistry registry = WorkflowRegistry.of(
                () -> new ConditionsWorkflow(() -> decisions.getAndIncrement() % 2 == 0));
        Query conditions = Query.workflowType("ConditionsWorkflow");
        try (JpaStateStore store = JpaStateStore.h2(dir);
                WorkerPool pool = WorkerPool.builder(registry, store).threads(2)
                        .openTelemetry(OpenTelemetry.noop()).build()) {
            WorkflowClient client = WorkflowClient.create(store, registry);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(client.submit(ConditionsWorkflow.class, new DecidePayload()));
            }
            pool.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (client.count(conditions, InstanceStatus.COMPLETED) < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(client.count(conditions, InstanceStatus.COMPLETED)).isEqualTo(ids.size());
            Set<String> branches = new HashSet<>();
            for (String id : ids) {
                List<StepRecord> history = client.history(id);
                assertThat(history).hasSize(2);
                assertThat(history.get(0).step()).isEqualTo("decide");
                branches.add(history.get(1).step());
            }
            assertThat(branches).containsExactlyInAnyOrder("left", "right");
        }
    }
}
