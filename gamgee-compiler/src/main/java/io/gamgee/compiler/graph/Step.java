package io.gamgee.compiler.graph;

import java.util.Objects;

/**
 * A validated step.
 *
 * @param name the state's name in the diagram, which is also its name at run time
 * @param methodName the abstract method users implement
 * @param payloadType the simple name of the payload type, {@code <Stem>Payload}
 * @param next the state the step leads to, or {@link WorkflowGraph#END}
 * @param retry attempts, backoff and timeout
 * @param line where the step first appears
 * @param delayMs how long after this step its next step starts ({@code a --> b: after 10m}), in
 *     milliseconds; 0 for at once
 */
public record Step(String name, String methodName, String payloadType, String next, Retry retry, int line,
        long delayMs) {

    private static final String PAYLOAD = "Payload";

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(retry, "retry");
        if (delayMs < 0) {
            throw new IllegalArgumentException("a delay is not negative: " + delayMs);
        }
    }

    /** A step whose next step starts at once. */
    public Step(String name, String methodName, String payloadType, String next, Retry retry, int line) {
        this(name, methodName, payloadType, next, retry, line, 0);
    }

    /** Whether the next step starts only {@link #delayMs} after this one. */
    public boolean isDelayed() {
        return delayMs > 0;
    }

    /**
     * The simple name of the type the step returns when it is the last step of a fork's branch,
     * {@code <Stem>Result}, written by the user next to the payload.
     */
    public String resultType() {
        return payloadType.substring(0, payloadType.length() - PAYLOAD.length()) + "Result";
    }
}
