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

    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(retry, "retry");
    }
}
