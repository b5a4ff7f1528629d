package io.gamgee.compiler.graph;

import java.util.Objects;

/**
 * A validated {@code <<join>>} state: once every branch of its fork has finished, its merge method
 * turns their results into the payload of the state after it.
 *
 * @param name the state's name in the diagram
 * @param methodName the abstract merge method users implement
 * @param fork the name of the fork whose branches end here
 * @param next the step the join leads to, or {@link WorkflowGraph#END}
 * @param line where the join is declared
 */
public record Join(String name, String methodName, String fork, String next, int line) {

    public Join {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(fork, "fork");
        Objects.requireNonNull(next, "next");
    }
}
