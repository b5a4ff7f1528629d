package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.StepContext;
import io.gamgee.core.WorkerDefaults;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StepContextTest {

    private final List<StepContext> seen = new CopyOnWriteArrayList<>();

    @Test
    void aStepKnowsItsInstanceStepAttemptAndDeadline() {
        try (WorkflowTestKit kit = WorkflowTestKit.builder().random(() -> 0L)
                .register(() -> new ThreeStepWorkflow(ThreeStepWorkflowBase.withAttempts(3), step -> {
                    StepContext context = StepContext.current();
                    seen.add(context);
                    if (step.equals("a") && context.attempt() == 1) {
                        throw new IllegalStateException("the provider timed out");
                    }
                })).build()) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1), "order-42");

            kit.runUntilIdle();
            kit.advance(Duration.ofMillis(1)).runUntilIdle();

            assertThat(seen).extracting(StepContext::instanceId).containsOnly(id);
            assertThat(seen).extracting(StepContext::step, StepContext::attempt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("a", 2),
                            org.assertj.core.groups.Tuple.tuple("b", 1), org.assertj.core.groups.Tuple.tuple("c", 1));
            assertThat(seen.get(0).workflowType()).isEqualTo("ThreeStepWorkflow");
            assertThat(seen.get(0).idempotencyKey()).isEqualTo(seen.get(1).idempotencyKey()).isEqualTo("order-42:a");
            assertThat(seen.get(2).idempotencyKey()).isEqualTo("order-42:b");
            StepContext first = seen.get(0);
            assertThat(first.startedAt()).isEqualTo(kit.clock().instant().minusMillis(1));
            assertThat(first.deadline()).isEqualTo(first.startedAt().plus(WorkerDefaults.STEP_TIMEOUT));
            assertThat(first.leaseUntil()).isAfter(first.startedAt());
            assertThat(first.workerId()).isNotBlank();
        }
    }

    @Test
    void outsideAStepThereIsNoContext() {
        assertThat(StepContext.find()).isEmpty();
        assertThatThrownBy(StepContext::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only available on the thread running a workflow step");
    }
}
