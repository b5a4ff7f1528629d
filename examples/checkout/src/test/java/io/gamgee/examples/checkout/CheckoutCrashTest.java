package io.gamgee.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.JpaStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM is killed with {@code kill -9} while orders are inside both branches; a new JVM
 * (this one) opens the same embedded store and finishes them. Nothing that had finished runs
 * again, and every merge and shipment happens once.
 */
class CheckoutCrashTest {

    private static final int ORDERS = 8;
    private static final Query CHECKOUTS = Query.workflowType("CheckoutWorkflow");

    @Test
    void aWorkerKilledInsideBothBranchesLosesNothingAndRepeatsNothingFinished(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path journal = dir.resolve("journal.txt");
        try (JpaStateStore store = JpaStateStore.h2(data)) {
            for (int i = 0; i < ORDERS; i++) {
                new CheckoutWorkflow(new JournalingServices(journal, "")).submit(
                        new PreparePayload("order-" + i, "tok", 100 + i, "sku", 1), store, "order-" + i);
            }
        }

        // the doomed worker hangs in pickShelf: its four threads fill up with stock branches stuck
        // there, while card branches (and other stock branches) finish around them
        Process worker = startWorker(data, journal, "pick");
        try {
            awaitHanging(worker, 4);
        } finally {
            worker.destroyForcibly();
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Set<String> finishedBeforeTheKill = new HashSet<>();
        try (JpaStateStore store = JpaStateStore.h2(data)) {
            for (int i = 0; i < ORDERS; i++) {
                for (StepRecord record : store.history("order-" + i)) {
                    if (record.outcome() == StepRecord.Outcome.ADVANCED) {
                        finishedBeforeTheKill.add(record.instanceId() + " " + record.step());
                    }
                }
            }
            List<WorkflowInstance> inBranches = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                inBranches.addAll(store.branches("order-" + i));
            }
            assertThat(inBranches).as("orders were inside their branches when the worker died")
                    .anyMatch(b -> b.step().equals("pickShelf") && b.status() == InstanceStatus.WAITING);
            assertThat(finishedBeforeTheKill).as("some card branches had finished")
                    .anyMatch(step -> step.endsWith("/chargeCard chargeCard"));

            WorkflowRegistry registry = WorkflowRegistry.of(
                    () -> new CheckoutWorkflow(new JournalingServices(journal, "")));
            WorkflowClient client = WorkflowClient.create(store, registry);
            try (WorkerPool pool = WorkerPool.builder(registry, store).workerId("restarted").threads(4)
                    .lease(Duration.ofSeconds(2)).build().start()) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (client.count(CHECKOUTS, InstanceStatus.COMPLETED) < ORDERS && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(client.count(CHECKOUTS, InstanceStatus.COMPLETED)).isEqualTo(ORDERS);

            List<String> calls = JournalingServices.read(journal);
            for (int i = 0; i < ORDERS; i++) {
                String order = "order-" + i;
                List<StepRecord> history = store.history(order);
                // every transition once: the path has each step exactly once
                assertThat(history).extracting(StepRecord::step).as(order)
                        .containsExactlyInAnyOrder("prepare", "chargeCard", "reserveStock", "pickShelf", "merge",
                                "ship");
                assertThat(Collections.frequency(calls, "ship " + order)).as("shipments of " + order).isEqualTo(1);
                // a branch step whose transition was stored before the kill never ran again
                if (finishedBeforeTheKill.contains(order + "/chargeCard chargeCard")) {
                    assertThat(Collections.frequency(calls, "charge " + order + "/chargeCard"))
                            .as("charges of " + order).isEqualTo(1);
                }
                if (finishedBeforeTheKill.contains(order + "/reserveStock reserveStock")) {
                    assertThat(Collections.frequency(calls, "reserve " + order + "/reserveStock"))
                            .as("reservations of " + order).isEqualTo(1);
                }
                assertThat(history).filteredOn(r -> r.step().equals("merge")).as("merges of " + order).hasSize(1);
            }
        }
    }

    private static Process startWorker(Path data, Path journal, String hang) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CheckoutWorker.class.getName(),
                data.toString(), journal.toString(), hang);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the worker's output until {@code count} calls hang; fails if it exits first. */
    private static void awaitHanging(Process worker, int count) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        int hanging = 0;
        String line;
        while (hanging < count && (line = output.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("HANGING")) {
                hanging++;
            }
        }
        assertThat(hanging).as("calls hanging in the worker; its output: %s", seen).isEqualTo(count);
    }
}
