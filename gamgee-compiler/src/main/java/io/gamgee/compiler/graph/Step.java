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
 */
public record Step(String name, String methodName, String payloadType, String next, Retry retry, int line) {

    private static final String PAYLOAD = "Payload";

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(retry, "retry");
    }

    /**
     * The simple name of the type the step returns when it is the last step of a fork's branch,
     * {@code <Stem>Result}, written by the user next to the payload.
     */
    public String resultType() {
        return payloadType.substring(0, payloadType.length() - PAYLOAD.length()) + "Result";
    }
}
