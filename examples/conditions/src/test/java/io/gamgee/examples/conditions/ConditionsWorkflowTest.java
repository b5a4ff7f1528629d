package io.gamgee.examples.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.WorkflowTestKit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

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
}
