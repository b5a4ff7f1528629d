package io.gamgee.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.jpa.JpaStateStore;
import io.gamgee.test.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same flows on the embedded H2 store with a worker pool, the clock moved by the test. */
class PaymentOnH2Test {

    @Test
    void eventsTimersAndDelaysSurviveOnTheEmbeddedStore(@TempDir Path dir) throws Exception {
        SimulatedServices services = new SimulatedServices();
        TestClock clock = new TestClock();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new PaymentWorkflow(services));
        try (JpaStateStore store = JpaStateStore.h2(dir);
                WorkerPool pool = WorkerPool.builder(registry, store).threads(2).clock(clock)
                        .pollInterval(Duration.ofMillis(50)).build().start()) {
            WorkflowClient client = WorkflowClient.create(store, registry, clock);
            PaymentWebhook webhook = new PaymentWebhook(client);
            for (String order : new String[] {"paid", "silent", "early"}) {
                client.submit(PaymentWorkflow.class, new RequestPaymentPayload(order, order + "@example.com", 100),
                        order);
            }
            assertThat(webhook.handle("dlv-early", "early", "captured", "cap-e")).isEqualTo(200);
            await(() -> step(client, "paid").equals("paid") && step(client, "silent").equals("paid"));

            assertThat(webhook.handle("dlv-1", "paid", "captured", "cap-1")).isEqualTo(200);
            assertThat(webhook.handle("dlv-1", "paid", "captured", "cap-1")).isEqualTo(200);
            await(() -> step(client, "paid").equals("askForReview") && step(client, "early").equals("askForReview"));

            clock.advance(Duration.ofDays(2));
            await(() -> step(client, "silent").equals("paidAfterReminder"));
            clock.advance(Duration.ofDays(5));
            await(() -> client.status("silent").orElseThrow().status() == InstanceStatus.COMPLETED);
            clock.advance(Duration.ofDays(3));
            await(() -> client.status("paid").orElseThrow().status() == InstanceStatus.COMPLETED
                    && client.status("early").orElseThrow().status() == InstanceStatus.COMPLETED);

            assertThat(services.calls).filteredOn(call -> call.startsWith("ship ")).containsExactlyInAnyOrder(
                    "ship paid", "ship early");
            assertThat(services.calls).anyMatch(call -> call.contains("silent") && call.contains("was cancelled"));
        }
    }

    private static String step(WorkflowClient client, String id) {
        return client.status(id).orElseThrow().step();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
