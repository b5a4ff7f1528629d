package io.gamgee.core.definition;

import java.util.List;
import java.util.Objects;

/**
 * A {@code <<join>>} state: it waits until every branch of its fork has finished, then merges
 * what their last steps returned into the payload of {@link #next()}, exactly once.
 *
 * @param name the join's name in the diagram, which is also the name of the generated merge method
 * @param inputs one per branch, in the fork's branch order: the branch's last step and its result type
 * @param next the step the join leads to, or {@link WorkflowDefinition#END}
 * @param line the 1-based line of the diagram where the join is declared
 */
public record JoinDefinition(String name, List<Input> inputs, String next, int line) {

    public JoinDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(next, "next");
        inputs = List.copyOf(inputs);
    }

    /** The input whose branch ends with {@code lastStep}, if there is one. */
    public java.util.Optional<Input> input(String lastStep) {
        return inputs.stream().filter(input -> input.lastStep().equals(lastStep)).findFirst();
    }

    /**
     * What one branch hands to the join.
     *
     * @param lastStep the branch's last step (its arrow leads to the join)
     * @param resultType the type that step returns, {@code <Step>Result}
     */
    public record Input(String lastStep, Class<?> resultType) {
        public Input {
            Objects.requireNonNull(lastStep, "lastStep");
            Objects.requireNonNull(resultType, "resultType");
        }
    }
}
