package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import io.gamgee.jpa.workflow.ShipmentWorkflowBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Submitting many shipments, waiting for them, and checking that each ran every step exactly once. */
final class ShipmentRun {

    static final Query SHIPMENTS = Query.workflowType(ShipmentWorkflowBase.DEFINITION.workflowType());

    private ShipmentRun() {
    }

    /** Submits {@code count} shipments with ids {@code prefix-0 …}, from a few threads. */
    static List<String> submit(StateStore store, String prefix, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> parts = new ArrayList<>();
            int slice = (count + 3) / 4;
            for (int from = 0; from < count; from += slice) {
                List<String> part = ids.subList(from, Math.min(count, from + slice));
                parts.add(submitters.submit(() -> {
                    ShipmentWorkflow workflow = new ShipmentWorkflow();
                    for (String id : part) {
                        workflow.submit(new ReservePayload(id), store, id);
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get(5, TimeUnit.MINUTES);
            }
        } finally {
            submitters.shutdownNow();
        }
        return ids;
    }

    /** Runs shipments on {@code threads} pool threads named {@code workerId-n}. */
    static WorkerPool pool(StateStore store, String workerId, int threads, Duration lease, FetchStrategy strategy) {
        return WorkerPool.builder(WorkflowRegistry.of(ShipmentWorkflow::new), store).workerId(workerId)
                .threads(threads).lease(lease).fetchStrategy(strategy).query(SHIPMENTS).build();
    }

    /** Polls until every shipment completed or {@code timeout} passed. */
    static void awaitCompleted(StateStore store, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (store.count(SHIPMENTS, InstanceStatus.COMPLETED) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Every shipment completed, holds no lease, and its history shows each step exactly once. */
    static void assertEachStepRanOnce(StateStore store, List<String> ids) {
        assertThat(store.count(SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(ids.size());
        for (String id : ids) {
            WorkflowInstance instance = store.find(id).orElseThrow();
            assertThat(instance.status()).as(id).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(instance.leaseOwner()).as(id).isNull();
            assertThat(store.history(id)).as("history of %s", id)
                    .extracting(StepRecord::step, StepRecord::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("reserve", StepRecord.Outcome.ADVANCED),
                            org.assertj.core.groups.Tuple.tuple("charge", StepRecord.Outcome.ADVANCED),
                            org.assertj.core.groups.Tuple.tuple("ship", StepRecord.Outcome.COMPLETED));
        }
    }
}
