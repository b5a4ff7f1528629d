package io.gamgee.core.definition;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a workflow: a plain state of the diagram.
 *
 * @param name the state's name in the diagram (also the name stored with each instance)
 * @param payloadType the type the step's payload is decoded into; never polymorphic
 * @param next what the step's single outgoing arrow leads to: a step, a decision, or
 *     {@link WorkflowDefinition#END}
 * @param retryPolicy attempts and backoff from the step's self-arrow, or {@link RetryPolicy#DEFAULT}
 * @param line the 1-based line of the diagram where the step first appears
 * @param delay how long after this step the next one starts ({@code a --> b: after 10m}), durably;
 *     {@link Duration#ZERO} for at once
 */
public record StepDefinition(String name, Class<?> payloadType, String next, RetryPolicy retryPolicy, int line,
        Duration delay) {

    public StepDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("step " + name + ": a delay must not be negative: " + delay);
        }
    }

    /** A step whose next step starts at once. */
    public StepDefinition(String name, Class<?> payloadType, String next, RetryPolicy retryPolicy, int line) {
        this(name, payloadType, next, retryPolicy, line, Duration.ZERO);
    }
}
