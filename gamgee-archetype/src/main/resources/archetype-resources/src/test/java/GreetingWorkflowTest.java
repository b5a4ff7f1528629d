package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.WorkflowTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the workflow in memory, on a test clock: no database, no waiting. */
class GreetingWorkflowTest {

    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @RegisterExtension
    final WorkflowTestKit kit = WorkflowTestKit.of(() -> new GreetingWorkflow(greeting -> {
        if (failuresToCome.getAndDecrement() > 0) {
            throw new IllegalStateException("mail server down");
        }
        sent.add(greeting);
    }));

    @Test
    void greetsInFrench() {
        String id = kit.submit(GreetingWorkflow.class, new ReceivePayload("Marie", "fr"));

        kit.runUntilIdle();

        assertEquals(InstanceStatus.COMPLETED, kit.statusOf(id).status());
        assertEquals(List.of("receive", "french", "send"), steps(id));
        assertEquals(List.of("Bonjour, Marie !"), sent);
    }

    @Test
    void retriesAFailedSendAfterItsBackoff() {
        failuresToCome.set(1);
        String id = kit.submit(GreetingWorkflow.class, new ReceivePayload("Ada", "en"));

        kit.runUntilIdle();
        assertEquals(InstanceStatus.WAITING, kit.statusOf(id).status());

        kit.advance(Duration.ofSeconds(1)).runUntilIdle();
        assertEquals(InstanceStatus.COMPLETED, kit.statusOf(id).status());
        assertEquals(List.of("receive", "english", "send", "send"), steps(id));
        assertEquals(List.of("Hello, Ada!"), sent);
    }

    private List<String> steps(String id) {
        return kit.history(id).stream().map(StepRecord::step).toList();
    }
}
