package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.Event;
import io.gamgee.core.SendResult;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.workflows.PaymentWorkflow;
import io.gamgee.test.workflows.PaymentWorkflowBase.CancelOrderPayload;
import io.gamgee.test.workflows.PaymentWorkflowBase.Events;
import io.gamgee.test.workflows.PaymentWorkflowBase.RequestPaymentPayload;
import io.gamgee.test.workflows.PaymentWorkflowBase.ShipPayload;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits as a user sees them: events and timers moving instances on, once, with no sleeping. */
class WaitScenariosTest {

    private final PaymentWorkflow workflow = new PaymentWorkflow();

    private WorkflowTestKit kit() {
        return WorkflowTestKit.builder().register(() -> workflow).build();
    }

    @Test
    void anEventMovesAWaitingInstanceOn() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-1"));
            kit.runUntilIdle();

            WorkflowStatus waiting = kit.statusOf(id);
            assertThat(waiting.status()).isEqualTo(InstanceStatus.WAITING);
            assertThat(waiting.step()).isEqualTo("paid");
            assertThat(waiting.leased()).isFalse();
            assertThat(waiting.awaiting()).containsExactly("captured", "declined");
            assertThat(waiting.timerAt()).isEqualTo(kit.clock().instant().plus(Duration.ofDays(2)));
            assertThat(kit.runUntilIdle()).isZero();

            assertThat(kit.send(PaymentWorkflow.class, id, Events.captured(new ShipPayload("o-1", "cap-9"))))
                    .isEqualTo(SendResult.DELIVERED);
            kit.runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(workflow.ran).containsExactly("requestPayment:o-1", "ship:cap-9");
            assertThat(kit.history(id)).extracting(StepRecord::step).containsExactly("requestPayment", "paid", "ship");
        }
    }

    @Test
    void theTimerFiresWhenNoEventCameAndADelayedStepWaitsItsDelay() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-2"));
            kit.runUntilIdle();
            kit.advance(Duration.ofDays(2).minusSeconds(1)).runUntilIdle();
            assertThat(kit.statusOf(id).step()).isEqualTo("paid");

            kit.advance(Duration.ofSeconds(1)).runUntilIdle();
            assertThat(workflow.ran).containsExactly("requestPayment:o-2", "remind:o-2");
            assertThat(kit.statusOf(id).step()).isEqualTo("cancelOrder");
            assertThat(kit.statusOf(id).runAfter()).isEqualTo(kit.clock().instant().plus(Duration.ofDays(5)));

            kit.advance(Duration.ofDays(5)).runUntilIdle();
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(workflow.ran).containsExactly("requestPayment:o-2", "remind:o-2", "cancelOrder:never paid");
            // an event after the timer won is kept, not applied
            assertThat(kit.send(PaymentWorkflow.class, id, Events.captured(new ShipPayload("o-2", "late"))))
                    .isEqualTo(SendResult.FINISHED);
        }
    }

    @Test
    void aWebhookDeliveredTwiceMovesTheInstanceOnce() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-3"));
            kit.runUntilIdle();

            assertThat(kit.send(PaymentWorkflow.class, id, Events.declined(new CancelOrderPayload("o-3", "card"))
                    .withId("whk_1"))).isEqualTo(SendResult.DELIVERED);
            assertThat(kit.send(PaymentWorkflow.class, id, Events.declined(new CancelOrderPayload("o-3", "card"))
                    .withId("whk_1"))).isEqualTo(SendResult.DUPLICATE);
            kit.runUntilIdle();

            assertThat(workflow.ran).containsExactly("requestPayment:o-3", "cancelOrder:card");
        }
    }

    @Test
    void anEventThatArrivesBeforeTheWaitIsKeptAndUsedThere() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-4"));

            assertThat(kit.send(PaymentWorkflow.class, id, Events.captured(new ShipPayload("o-4", "early"))))
                    .isEqualTo(SendResult.QUEUED);
            kit.runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(workflow.ran).containsExactly("requestPayment:o-4", "ship:early");
        }
    }

    @Test
    void eventsForCancelledOrUnknownInstancesSayWhy() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-5"));
            kit.runUntilIdle();
            assertThat(kit.client().cancel(id)).isTrue();

            assertThat(kit.send(PaymentWorkflow.class, id, Events.captured(new ShipPayload("o-5", "x"))))
                    .isEqualTo(SendResult.FINISHED);
            assertThat(kit.send(PaymentWorkflow.class, "nobody", Events.captured(new ShipPayload("o-5", "x"))))
                    .isEqualTo(SendResult.UNKNOWN_INSTANCE);
            assertThat(kit.runUntilIdle()).isZero();
            assertThatThrownBy(() -> kit.send(PaymentWorkflow.class, id,
                    Event.<PaymentWorkflow>of("PaymentWorkflow", "refunded", "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no wait for event refunded");
        }
    }

    @Test
    void theStepAfterAnEventIsAChildOfTheSendersSpan() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(PaymentWorkflow.class, new RequestPaymentPayload("o-6"));
            kit.runUntilIdle();

            Span webhook = kit.openTelemetry().getTracer("test").spanBuilder("POST /webhooks/payments").startSpan();
            try (Scope ignored = webhook.makeCurrent()) {
                kit.send(PaymentWorkflow.class, id, Events.captured(new ShipPayload("o-6", "cap")));
            } finally {
                webhook.end();
            }
            kit.runUntilIdle();

            SpanData ship = kit.spans().stream().filter(s -> s.getName().equals("PaymentWorkflow.ship")).findFirst()
                    .orElseThrow();
            assertThat(ship.getParentSpanId()).isEqualTo(webhook.getSpanContext().getSpanId());
            assertThat(ship.getTraceId()).isEqualTo(webhook.getSpanContext().getTraceId());
        }
    }

    @Test
    void aWorkerRunningAWorkflowToItsWaitStopsThereWithoutAnError() {
        InMemoryStateStore store = new InMemoryStateStore();
        io.gamgee.core.WorkflowRegistry registry = io.gamgee.core.WorkflowRegistry.of(() -> workflow);
        String id = workflow.submit(new RequestPaymentPayload("o-7"), store);
        io.gamgee.core.WorkflowWorker worker = new io.gamgee.core.WorkflowWorker(registry);

        assertThat(worker.executeWaitingWorkflow(store, io.gamgee.core.Query.all(), io.gamgee.core.FetchStrategy.OLDEST,
                Duration.ZERO)).isEqualTo(io.gamgee.core.ExecutionResult.CONTINUED);

        assertThat(store.find(id).orElseThrow().step()).isEqualTo("paid");
        assertThat(store.find(id).orElseThrow().leaseOwner()).isNull();
    }
}
