package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.test.workflows.CheckoutWorkflow;
import io.gamgee.test.workflows.CheckoutWorkflowBase.PreparePayload;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Forks and joins as a user sees them: branches side by side, one merge, failures, recovery and spans. */
class ForkJoinScenariosTest {

    private static final Query CHECKOUTS = Query.workflowType("CheckoutWorkflow");

    private final CheckoutWorkflow workflow = new CheckoutWorkflow();

    private WorkflowTestKit kit() {
        return WorkflowTestKit.builder().register(() -> workflow).random(() -> -1L).build();
    }

    private long runs(String step) {
        return workflow.ran.stream().filter(r -> r.startsWith(step + ":")).count();
    }

    @Test
    void bothBranchesRunAndTheMergeRunsOnceBeforeTheNextStep() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-1", 1999));

            assertThat(kit.runUntilIdle()).isEqualTo(6);

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(workflow.ran).containsExactlyInAnyOrder("prepare:o-1", "chargeCard:o-1", "reserveStock:o-1",
                    "pickShelf:o-1", "merge:receipt-o-1-1999", "ship:o-1");
            assertThat(workflow.ran.get(0)).isEqualTo("prepare:o-1");
            assertThat(workflow.ran.subList(4, 6)).containsExactly("merge:receipt-o-1-1999", "ship:o-1");
            assertThat(workflow.merged).containsExactly("receipt-o-1-1999+A7");
            assertThat(kit.history(id)).extracting(StepRecord::step).startsWith("prepare").endsWith("merge", "ship")
                    .containsOnlyOnce("chargeCard", "reserveStock", "pickShelf");
            assertThat(kit.statusOf(id).branches()).extracting(WorkflowStatus::instanceId, WorkflowStatus::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(id + "/chargeCard", InstanceStatus.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple(id + "/reserveStock", InstanceStatus.COMPLETED));
            // lists and counts are of workflows, not branches
            assertThat(kit.client().count(CHECKOUTS, null)).isEqualTo(1);
        }
    }

    @Test
    void statusShowsWhereEachBranchStandsWhileTheInstanceWaitsAtTheJoin() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-2", 500));
            kit.runNextStep();

            WorkflowStatus forked = kit.statusOf(id);
            assertThat(forked.step()).isEqualTo("merge");
            assertThat(forked.status()).isEqualTo(InstanceStatus.WAITING);
            assertThat(forked.activeBranches()).extracting(WorkflowStatus::step)
                    .containsExactly("chargeCard", "reserveStock");

            kit.runNextStep();
            kit.runNextStep();
            assertThat(kit.statusOf(id).activeBranches()).hasSize(1);
            assertThat(kit.status(id + "/chargeCard")).isPresent();
        }
    }

    @Test
    void aBranchRetriesOnItsOwnAndTheOtherBranchRunsOnce() {
        workflow.failing.put("reserveStock", new AtomicInteger(2));
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-3", 100));
            kit.runUntilIdle();
            assertThat(kit.statusOf(id).activeBranches()).extracting(WorkflowStatus::step)
                    .containsExactly("reserveStock");
            assertThat(kit.statusOf(id + "/reserveStock").attempts()).isEqualTo(1);

            kit.advance(Duration.ofSeconds(1)).runUntilIdle();
            kit.advance(Duration.ofSeconds(1)).runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(runs("reserveStock")).isEqualTo(3);
            assertThat(runs("chargeCard")).isEqualTo(1);
            assertThat(runs("merge")).isEqualTo(1);
        }
    }

    @Test
    void aFailedBranchFailsTheInstanceOnceTheOtherSettlesAndRecoveryRerunsOnlyIt() {
        workflow.failing.put("chargeCard", new AtomicInteger(1));
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-4", 100));
            kit.runUntilIdle();

            WorkflowStatus failed = kit.statusOf(id);
            assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(failed.step()).isEqualTo("merge");
            assertThat(failed.lastError().type()).isEqualTo("BranchFailed");
            assertThat(failed.lastError().message()).contains(id + "/chargeCard").contains("chargeCard failed for o-4");
            // the other branch ran to its end
            assertThat(runs("pickShelf")).isEqualTo(1);
            assertThat(runs("merge")).isZero();

            assertThat(kit.client().recoverTasks(CHECKOUTS, 10)).isEqualTo(1);
            kit.runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(runs("chargeCard")).isEqualTo(2);
            assertThat(runs("reserveStock")).isEqualTo(1);
            assertThat(runs("pickShelf")).isEqualTo(1);
            assertThat(runs("merge")).isEqualTo(1);
        }
    }

    @Test
    void aMergeThatThrowsLeavesTheInstanceAtTheJoinAndRecoveryMergesAgain() {
        workflow.failing.put("merge", new AtomicInteger(1));
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-5", 100));
            kit.runUntilIdle();
            WorkflowStatus failed = kit.statusOf(id);
            assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(failed.step()).isEqualTo("merge");
            assertThat(failed.lastError().message()).contains("merge failed");

            assertThat(kit.client().recoverTasks(CHECKOUTS, 10)).isEqualTo(1);
            kit.runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(runs("chargeCard")).isEqualTo(1);
            assertThat(runs("merge")).isEqualTo(2);
            assertThat(runs("ship")).isEqualTo(1);
        }
    }

    @Test
    void cancellingAForkedInstanceStopsEveryBranch() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-6", 100));
            kit.runNextStep();

            assertThat(kit.client().cancel(id + "/chargeCard")).isFalse();
            assertThat(kit.client().cancel(id)).isTrue();
            assertThat(kit.runUntilIdle()).isZero();

            assertThat(workflow.ran).containsExactly("prepare:o-6");
            assertThat(kit.statusOf(id).branches()).extracting(WorkflowStatus::status)
                    .containsOnly(InstanceStatus.CANCELLED);
        }
    }

    @Test
    void branchesAreChildSpansOfTheForkingStepAndTheMergeLinksToEachBranchEnd() {
        try (WorkflowTestKit kit = kit()) {
            String id = kit.submit(CheckoutWorkflow.class, new PreparePayload("o-7", 100));
            kit.runUntilIdle();

            Map<String, SpanData> spans = kit.spans().stream()
                    .collect(Collectors.toMap(SpanData::getName, Function.identity()));
            SpanData prepare = spans.get("CheckoutWorkflow.prepare");
            SpanData charge = spans.get("CheckoutWorkflow.chargeCard");
            SpanData reserve = spans.get("CheckoutWorkflow.reserveStock");
            SpanData pick = spans.get("CheckoutWorkflow.pickShelf");
            SpanData merge = spans.get("CheckoutWorkflow.merge");
            SpanData ship = spans.get("CheckoutWorkflow.ship");
            assertThat(kit.spans()).extracting(SpanData::getTraceId).containsOnly(prepare.getTraceId());
            assertThat(charge.getParentSpanId()).isEqualTo(prepare.getSpanId());
            assertThat(reserve.getParentSpanId()).isEqualTo(prepare.getSpanId());
            assertThat(pick.getParentSpanId()).isEqualTo(reserve.getSpanId());
            assertThat(merge.getParentSpanId()).isEqualTo(prepare.getSpanId());
            assertThat(merge.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getSpanId)
                    .containsExactly(charge.getSpanId(), pick.getSpanId());
            assertThat(ship.getParentSpanId()).isEqualTo(merge.getSpanId());
            assertThat(charge.getAttributes().get(AttributeKey.stringKey("gamgee.workflow.parent_id"))).isEqualTo(id);
            assertThat(charge.getAttributes().get(AttributeKey.stringKey("gamgee.workflow.instance_id")))
                    .isEqualTo(id + "/chargeCard");
        }
    }

    @Test
    void fourThreadsRunFiveHundredForksWithEveryStepAndMergeOnce() throws Exception {
        int orders = 500;
        InMemoryStateStore store = new InMemoryStateStore();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
        WorkflowClient client = WorkflowClient.create(store, registry);
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(4).openTelemetry(OpenTelemetry.noop())
                .build().start()) {
            for (int i = 0; i < orders; i++) {
                client.submit(CheckoutWorkflow.class, new PreparePayload("p-" + i, i));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (client.count(CHECKOUTS, InstanceStatus.COMPLETED) < orders && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertThat(store.count(CHECKOUTS, InstanceStatus.COMPLETED)).isEqualTo(orders);
        assertThat(workflow.merged).hasSize(orders).doesNotHaveDuplicates();
        for (String step : List.of("prepare", "chargeCard", "reserveStock", "pickShelf", "ship")) {
            assertThat(runs(step)).as(step).isEqualTo(orders);
        }
        assertThat(Collections.frequency(workflow.ran, "ship:p-7")).isEqualTo(1);
        assertThat(store.getStats().tasksRemaining()).isZero();
    }
}
