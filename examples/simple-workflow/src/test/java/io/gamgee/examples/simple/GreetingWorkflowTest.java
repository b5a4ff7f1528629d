package io.gamgee.examples.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.test.WorkflowTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GreetingWorkflowTest {

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private final WorkflowTestKit kit = WorkflowTestKit.of(() -> new GreetingWorkflow(greeting -> {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("mail server down");
        }
        delivered.add(greeting);
    }));

    @Test
    void greets() {
        String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

        kit.runUntilIdle();

        assertThat(delivered).containsExactly("Hello, Ada!");
        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    @Test
    void secondAttemptRunsAfterTheBackoff() {
        failuresLeft.set(1);
        String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

        kit.runUntilIdle();
        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(delivered).isEmpty();

        // attempts=2, backoffMs=100: the retry is due within 100 ms
        kit.advance(Duration.ofMillis(100)).runUntilIdle();

        assertThat(delivered).containsExactly("Hello, Ada!");
        assertThat(kit.history(id)).extracting(r -> r.outcome())
                .containsExactly(Outcome.RETRY_SCHEDULED, Outcome.COMPLETED);
    }

    @Test
    void givesUpAfterTwoAttempts() {
        failuresLeft.set(2);
        String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

        kit.runUntilIdle();
        kit.advance(Duration.ofMillis(100)).runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(kit.statusOf(id).lastError().message()).isEqualTo("mail server down");
        assertThat(delivered).isEmpty();
    }
}
