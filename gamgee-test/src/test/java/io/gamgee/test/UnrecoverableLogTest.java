package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An instance that becomes unrecoverable costs one log line, without a stack trace. */
class UnrecoverableLogTest {

    private LogRecorder log;

    @BeforeEach
    void record() {
        log = LogRecorder.of(io.gamgee.core.WorkflowWorker.class);
    }

    @AfterEach
    void stopRecording() {
        log.close();
    }

    @Test
    void oneLineWithoutAStackTraceNamingTheInstanceStepAndError() {
        try (WorkflowTestKit kit = WorkflowTestKit.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("b")) {
                throw new IllegalStateException("the warehouse is on fire");
            }
        }))) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1), "order-42");

            kit.runUntilIdle();

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(kit.statusOf(id).lastError().stackTrace()).as("kept with the instance")
                    .contains("the warehouse is on fire");
            List<LogRecord> warnings = log.warnings();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getThrown()).as("no stack trace in the log").isNull();
            assertThat(warnings.get(0).getMessage()).contains("order-42").contains("step b failed on attempt 1 of 1")
                    .contains("is now unrecoverable").contains("IllegalStateException: the warehouse is on fire");
        }
    }
}
