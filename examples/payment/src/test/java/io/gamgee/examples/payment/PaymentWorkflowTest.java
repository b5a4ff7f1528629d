package io.gamgee.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.WorkflowTestKit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaymentWorkflowTest {

    private final SimulatedServices services = new SimulatedServices();

    @RegisterExtension
    final WorkflowTestKit kit = WorkflowTestKit.of(() -> new PaymentWorkflow(services));

    private final PaymentWebhook webhook = new PaymentWebhook(kit.client());

    private String order(String id) {
        return kit.submit(PaymentWorkflow.class, new RequestPaymentPayload(id, id + "@example.com", 4200), id);
    }

    @Test
    void aCapturedPaymentShipsAndAsksForAReviewThreeDaysLater() {
        String id = order("o-1");
        kit.runUntilIdle();
        WorkflowStatus waiting = kit.statusOf(id);
        assertThat(waiting.step()).isEqualTo("paid");
        assertThat(waiting.awaiting()).containsExactly("captured", "declined");
        assertThat(waiting.timerAt()).isEqualTo(kit.clock().instant().plus(Duration.ofDays(2)));

        assertThat(webhook.handle("dlv-1", id, "captured", "cap-1")).isEqualTo(200);
        kit.runUntilIdle();
        assertThat(services.calls).containsExactly("requestPayment o-1", "ship o-1",
                "mail o-1@example.com: Order o-1 is on its way: track-o-1");
        assertThat(kit.statusOf(id).step()).isEqualTo("askForReview");

        kit.advance(Duration.ofDays(3)).runUntilIdle();
        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).last().asString().contains("How do you like");
        assertThat(kit.history(id)).extracting(StepRecord::step)
                .containsExactly("requestPayment", "paid", "ship", "askForReview");
    }

    @Test
    void noWordForTwoDaysSendsAReminderAndAWeekCancels() {
        String id = order("o-2");
        kit.runUntilIdle();

        kit.advance(Duration.ofDays(2)).runUntilIdle();
        assertThat(services.calls).last().asString().contains("is waiting for its payment");
        assertThat(kit.statusOf(id).step()).isEqualTo("paidAfterReminder");

        kit.advance(Duration.ofDays(5)).runUntilIdle();
        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).last().asString().contains("was cancelled: not paid within a week");
        // the provider's late word changes nothing any more
        assertThat(webhook.handle("dlv-late", id, "captured", "cap-2")).isEqualTo(409);
    }

    @Test
    void aPaymentAfterTheReminderStillShips() {
        String id = order("o-3");
        kit.runUntilIdle();
        kit.advance(Duration.ofDays(2)).runUntilIdle();

        assertThat(webhook.handle("dlv-3", id, "captured", "cap-3")).isEqualTo(200);
        kit.runUntilIdle();

        assertThat(services.calls).contains("ship o-3");
        assertThat(kit.statusOf(id).step()).isEqualTo("askForReview");
    }

    @Test
    void aRetriedWebhookShipsOnce() {
        String id = order("o-4");
        kit.runUntilIdle();

        assertThat(webhook.handle("dlv-4", id, "captured", "cap-4")).isEqualTo(200);
        assertThat(webhook.handle("dlv-4", id, "captured", "cap-4")).isEqualTo(200);
        kit.runUntilIdle();
        assertThat(webhook.handle("dlv-4", id, "captured", "cap-4")).isEqualTo(200);
        kit.runUntilIdle();

        assertThat(services.calls).filteredOn(call -> call.equals("ship o-4")).hasSize(1);
    }

    @Test
    void aWebhookFasterThanTheWorkflowIsKeptForTheWait() {
        String id = order("o-5");
        // the provider answers before the request's step has even been written
        assertThat(webhook.handle("dlv-5", id, "declined", "expired card")).isEqualTo(200);
        assertThat(kit.statusOf(id).step()).isEqualTo("requestPayment");

        kit.runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).containsExactly("requestPayment o-5",
                "mail o-5@example.com: Order o-5 was cancelled: expired card");
    }

    @Test
    void unknownOrdersAndOutcomesAreRefused() {
        assertThat(webhook.handle("dlv-6", "nobody", "captured", "cap")).isEqualTo(404);
        String id = order("o-6");
        assertThat(webhook.handle("dlv-7", id, "refunded", "x")).isEqualTo(400);
    }
}
