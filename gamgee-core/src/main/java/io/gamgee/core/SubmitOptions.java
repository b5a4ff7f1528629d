package io.gamgee.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How {@link WorkflowClient} submits an instance: under which id, and when its first step becomes
 * due. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * client.submit(ReminderWorkflow.class, payload, SubmitOptions.defaults().instanceId("order-42").startAfter(Duration.ofHours(1)));
 * }</pre>
 *
 * @param instanceId the id (submitting the same id again is a no-op), or {@code null} for a random one
 * @param startAt when the first step becomes due, or {@code null}
 * @param delay how long after submit the first step becomes due, or {@code null}; ignored when {@code startAt} is set
 */
public record SubmitOptions(String instanceId, Instant startAt, Duration delay) {

    private static final SubmitOptions DEFAULTS = new SubmitOptions(null, null, null);

    public SubmitOptions {
        if (instanceId != null && instanceId.isBlank()) {
            throw new IllegalArgumentException("instanceId must not be blank");
        }
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    /** A random id, due at once. */
    public static SubmitOptions defaults() {
        return DEFAULTS;
    }

    /** These options with a caller-chosen id. */
    public SubmitOptions instanceId(String instanceId) {
        return new SubmitOptions(Objects.requireNonNull(instanceId, "instanceId"), startAt, delay);
    }

    /** These options with a fixed start time. */
    public SubmitOptions startAt(Instant startAt) {
        return new SubmitOptions(instanceId, Objects.requireNonNull(startAt, "startAt"), null);
    }

    /** These options with a start time relative to the submit. */
    public SubmitOptions startAfter(Duration delay) {
        return new SubmitOptions(instanceId, null, Objects.requireNonNull(delay, "delay"));
    }

    Instant resolveStart(Instant now) {
        if (startAt != null) {
            return startAt;
        }
        return delay == null ? null : now.plus(delay);
    }
}
