package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.core.WorkerPool;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipment submitted to an H2 file store is half run by a JVM that is killed inside its second
 * step; a new JVM (this one) opens the same files and finishes it.
 */
class RestartTest {

    @Test
    void aWorkflowInterruptedByAKilledJvmFinishesAfterRestart(@TempDir Path dir) throws Exception {
        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            new ShipmentWorkflow().submit(new ReservePayload("order-1"), store, "order-1");
        }

        Process child = WorkerProcesses.start(null, "h2:" + dir, "child", "1", "1000", "block:charge");
        try {
            WorkerProcesses.awaitLine(child, "BLOCKED charge", Duration.ofMinutes(1));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (JpaStateStore store = JpaStateStore.h2(dir)) {
            WorkflowInstance interrupted = store.find("order-1").orElseThrow();
            assertThat(interrupted.step()).isEqualTo("charge");
            assertThat(interrupted.leaseOwner()).isEqualTo("child-0");

            try (WorkerPool pool = ShipmentRun.pool(store, "restarted", 1, Duration.ofSeconds(30),
                    FetchStrategy.OLDEST)) {
                pool.start();
                ShipmentRun.awaitCompleted(store, 1, Duration.ofMinutes(1));
            }

            assertThat(store.find("order-1").orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(store.history("order-1"))
                    .extracting(StepRecord::step, StepRecord::outcome, StepRecord::workerId)
                    .containsExactly(
                            tuple("reserve", StepRecord.Outcome.ADVANCED, "child-0"),
                            tuple("charge", StepRecord.Outcome.ADVANCED, "restarted-0"),
                            tuple("ship", StepRecord.Outcome.COMPLETED, "restarted-0"));
        }
    }
}
