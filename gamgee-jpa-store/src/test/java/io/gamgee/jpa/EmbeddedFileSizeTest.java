package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file follows the rows it holds once the store closes: thousands of short
 * workflows, each step its own commit, leave a file of a few hundred bytes per workflow, where it
 * used to keep most of the hundred kilobytes per workflow that H2 wrote while they ran; and a JVM
 * killed while it runs, with H2 writing over the space of old commits, loses no commit it reported.
 */
class EmbeddedFileSizeTest {

    private static final int WORKFLOWS = 2_000;

    /**
     * Bytes per workflow kept (an instance and its three history rows) after close: about 300 are
     * measured; before the store copied the file at close it kept every chunk written, 100 KB and more.
     */
    private static final long AFTER_CLOSE = 1024;

    @Test
    void aClosedStoreIsAsSmallAsTheWorkflowsItHolds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gamgee.mv.db");
        AtomicLong largest = new AtomicLong();
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            ShipmentRun.submit(store, "order", WORKFLOWS);
            runAll(store, 4, step -> largest.accumulateAndGet(size(file), Math::max));
            assertThat(store.count(ShipmentRun.SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(WORKFLOWS);
        }
        long closed = Files.size(file);

        assertThat(closed).as("bytes of the file after close (%,d while running)", largest.get())
                .isLessThan(WORKFLOWS * AFTER_CLOSE);
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            assertThat(store.count(ShipmentRun.SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(WORKFLOWS);
            assertThat(store.history("order-" + (WORKFLOWS - 1))).extracting(StepRecord::step)
                    .containsExactly("reserve", "charge", "ship");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theOpenFileIsCompactedWhileWorkersRunAndLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gamgee.mv.db");
        AtomicLong steps = new AtomicLong();
        AtomicLong beforeCompaction = new AtomicLong();
        AtomicLong afterCompaction = new AtomicLong();
        List<String> ids;
        try (JpaStateStore store = JpaStateStore.builder().h2(dir).h2CompactionCheck(Duration.ZERO).build()) {
            ids = ShipmentRun.submit(store, "order", WORKFLOWS);
            // halfway through, from a worker thread between two steps, while the other three write
            runAll(store, 4, step -> {
                if (steps.incrementAndGet() == WORKFLOWS * 3 / 2) {
                    beforeCompaction.set(size(file));
                    assertThat(store.compactEmbeddedFile()).as("compacted").isTrue();
                    afterCompaction.set(size(file));
                }
            });
            assertThat(store.count(ShipmentRun.SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(WORKFLOWS);
            ShipmentRun.assertEachStepRanOnce(store, ids);
        }
        assertThat(afterCompaction.get()).as("bytes after compacting %,d open bytes", beforeCompaction.get())
                .isLessThan(beforeCompaction.get() / 4).isLessThan(WORKFLOWS * AFTER_CLOSE);
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            assertThat(store.count(ShipmentRun.SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(WORKFLOWS);
            ShipmentRun.assertEachStepRanOnce(store, ids);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theBackgroundCheckKeepsTheOpenFileNearItsRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gamgee.mv.db");
        AtomicLong largest = new AtomicLong();
        long uncompacted;
        try (JpaStateStore store = JpaStateStore.h2(dir.resolve("uncompacted"))) {
            ShipmentRun.submit(store, "order", WORKFLOWS);
            Path other = dir.resolve("uncompacted").resolve("gamgee.mv.db");
            AtomicLong largestUncompacted = new AtomicLong();
            runAll(store, 4, step -> largestUncompacted.accumulateAndGet(size(other), Math::max));
            uncompacted = largestUncompacted.get();
        }
        try (JpaStateStore store = JpaStateStore.builder().h2(dir).h2CompactionCheck(Duration.ofMillis(20))
                .h2CompactAbove(1 << 20).build()) {
            List<String> ids = ShipmentRun.submit(store, "order", WORKFLOWS);
            runAll(store, 4, step -> largest.accumulateAndGet(size(file), Math::max));
            assertThat(store.count(ShipmentRun.SHIPMENTS, InstanceStatus.COMPLETED)).isEqualTo(WORKFLOWS);
            ShipmentRun.assertEachStepRanOnce(store, ids);
        }
        assertThat(largest.get()).as("largest open file with compaction, against %,d bytes without", uncompacted)
                .isLessThan(uncompacted / 2);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aJvmKilledWhileItRunsKeepsEverySubmitItReported(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SubmittingWorker.class.getName(),
                dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> reported = new ArrayList<>();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // by then the worker has committed some 10,000 times
            while (reported.size() < SubmittingWorker.KILL_AFTER) {
                String line = output.readLine();
                assertThat(line).as("the worker's output after %d submits", reported.size()).isNotNull();
                reported.add(line);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            for (String id : reported) {
                WorkflowInstance instance = store.find(id).orElse(null);
                assertThat(instance).as("instance %s, reported as submitted", id).isNotNull();
                List<String> ran = store.history(id).stream().map(StepRecord::step).toList();
                if (instance.status() == InstanceStatus.COMPLETED) {
                    assertThat(ran).as(id).containsExactly("reserve", "charge", "ship");
                } else {
                    assertThat(instance.status()).as(id).isEqualTo(InstanceStatus.WAITING);
                    assertThat(ran).as(id).hasSizeLessThan(3);
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every due shipment on {@code threads} workers until none is left. */
    private static void runAll(JpaStateStore store, int threads, Consumer<String> beforeStep)
            throws Exception {
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ShipmentWorkflow(beforeStep));
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                WorkflowWorker worker = WorkflowWorker.builder(registry).workerId("worker-" + i).build();
                running.add(workers.submit(() -> {
                    while (worker.executeWaitingWorkflow(store, ShipmentRun.SHIPMENTS, FetchStrategy.OLDEST,
                            Duration.ZERO) != ExecutionResult.NO_TASKS_WAITING) {
                        // next one
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * A worker JVM that submits shipments one by one, printing each id once its submit returned,
     * while a pool of 4 threads runs them; it runs until it is killed.
     */
    public static final class SubmittingWorker {

        static final int KILL_AFTER = 2_500;

        private SubmittingWorker() {
        }

        public static void main(String[] args) throws Exception {
            JpaStateStore store = JpaStateStore.h2(Path.of(args[0]));
            ShipmentWorkflow workflow = new ShipmentWorkflow();
            try (WorkerPool pool = ShipmentRun.pool(store, "killed", 4, Duration.ofSeconds(30), FetchStrategy.OLDEST)) {
                pool.start();
                for (int i = 0; ; i++) {
                    String id = "order-" + i;
                    workflow.submit(new ReservePayload(id), store, id);
                    System.out.println(id);
                    System.out.flush();
                }
            }
        }
    }
}
