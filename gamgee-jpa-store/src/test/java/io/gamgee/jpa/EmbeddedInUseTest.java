package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second JVM opening the same embedded directory is told so at once, not after a pool timeout. */
class EmbeddedInUseTest {

    @Test
    void aDirectoryAnotherJvmHoldsFailsThePoolsStartWithTheReason(@TempDir Path dir) throws Exception {
        Process holder = WorkerProcesses.start(null, "h2:" + dir, "holder", "1", "30000");
        try {
            WorkerProcesses.awaitLine(holder, "READY", Duration.ofMinutes(1));
            try (JpaStateStore store = JpaStateStore.h2(dir)) {
                WorkerPool pool = WorkerPool.builder(WorkflowRegistry.of(ShipmentWorkflow::new), store)
                        .openTelemetry(OpenTelemetry.noop()).build();

                // well under the pool's 30 s connection timeout, which used to hide the reason
                assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(pool::start)
                        .isInstanceOf(StoreConfigurationException.class)
                        .hasMessageStartingWith("the embedded database is open in another process")
                        .hasMessageContaining(dir.resolve("gamgee.mv.db").toString()));
                assertThat(pool.isRunning()).isFalse();
            }
        } finally {
            WorkerProcesses.stop(holder);
        }
    }
}
