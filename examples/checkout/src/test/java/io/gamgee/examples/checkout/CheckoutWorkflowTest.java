package io.gamgee.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.Query;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.WorkflowTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckoutWorkflowTest {

    /** Services that record calls and fail the calls they are told to. */
    static final class Recording implements Services {
        final List<String> calls = new ArrayList<>();
        int failReserves;
        boolean declineCards;

        @Override
        public String charge(String key, String cardToken, long amountCents) {
            calls.add("charge " + key);
            if (declineCards) {
                throw new IllegalStateException("card declined: " + cardToken);
            }
            return "pay-1";
        }

        @Override
        public String reserve(String key, String sku, int quantity) {
            calls.add("reserve " + key);
            if (failReserves-- > 0) {
                throw new IllegalStateException("stock service busy");
            }
            return "res-1";
        }

        @Override
        public String pick(String reservationId) {
            calls.add("pick " + reservationId);
            return "shelf-9";
        }

        @Override
        public void ship(String orderId, String paymentId, String shelf) {
            calls.add("ship " + orderId + " " + paymentId + " " + shelf);
        }
    }

    private final Recording services = new Recording();

    @RegisterExtension
    final WorkflowTestKit kit = WorkflowTestKit.builder()
            .register(() -> new CheckoutWorkflow(services))
            .random(() -> -1L)
            .build();

    private String submit() {
        return kit.submit(CheckoutWorkflow.class, new PreparePayload("order-1", "tok_visa", 1999, "sku-1", 2),
                "order-1");
    }

    @Test
    void chargesAndReservesSideBySideThenShipsWithBoth() {
        String id = submit();
        kit.runNextStep();

        WorkflowStatus forked = kit.statusOf(id);
        assertThat(forked.step()).isEqualTo("merge");
        assertThat(forked.activeBranches()).extracting(WorkflowStatus::step)
                .containsExactly("chargeCard", "reserveStock");

        kit.runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).containsExactlyInAnyOrder("charge order-1/chargeCard",
                "reserve order-1/reserveStock", "pick res-1", "ship order-1 pay-1 shelf-9");
        assertThat(kit.history(id)).extracting(StepRecord::step).first().isEqualTo("prepare");
        assertThat(kit.history(id)).extracting(StepRecord::step).endsWith("merge", "ship");
    }

    @Test
    void aFlakyStockServiceIsRetriedWhileTheCardIsChargedOnce() {
        services.failReserves = 2;
        String id = submit();
        kit.runUntilIdle();
        kit.advance(Duration.ofSeconds(1)).runUntilIdle();
        kit.advance(Duration.ofSeconds(1)).runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).filteredOn(c -> c.startsWith("reserve")).hasSize(3);
        assertThat(services.calls).filteredOn(c -> c.startsWith("charge")).hasSize(1);
    }

    @Test
    void aDeclinedCardStopsTheCheckoutAfterTheStockBranchSettlesAndRecoveryRetriesOnlyTheCard() {
        services.declineCards = true;
        String id = submit();
        kit.runUntilIdle();

        WorkflowStatus failed = kit.statusOf(id);
        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.lastError().message()).contains("order-1/chargeCard").contains("card declined");
        assertThat(services.calls).doesNotContain("ship order-1 pay-1 shelf-9").contains("pick res-1");

        services.declineCards = false;
        assertThat(kit.client().recoverTasks(Query.workflowType("CheckoutWorkflow"), 10)).isEqualTo(1);
        kit.runUntilIdle();

        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(services.calls).filteredOn(c -> c.startsWith("charge")).hasSize(2);
        assertThat(services.calls).filteredOn(c -> c.startsWith("reserve")).hasSize(1);
    }
}
