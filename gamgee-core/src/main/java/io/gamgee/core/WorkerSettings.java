package io.gamgee.core;

import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The options a worker runs with; built by {@link WorkflowWorker.Builder}. */
record WorkerSettings(
        String workerId,
        Clock clock,
        Supplier<OpenTelemetry> openTelemetry,
        Duration lease,
        Duration maxBackoff,
        RandomGenerator random,
        Duration pollInterval,
        Duration stepTimeout,
        Map<String, Duration> workflowStepTimeouts) {

    /** The timeout of steps of {@code workflowType} that set none of their own. */
    Duration stepTimeout(String workflowType) {
        return workflowStepTimeouts.getOrDefault(workflowType, stepTimeout);
    }
}
