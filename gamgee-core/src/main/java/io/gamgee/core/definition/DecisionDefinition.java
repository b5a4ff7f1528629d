package io.gamgee.core.definition;

import java.util.List;
import java.util.Objects;

/**
 * A {@code <<choice>>} state: the step before it picks one branch by calling the branch's method.
 *
 * @param name the decision's name in the diagram
 * @param branches the labelled arrows out of the decision, in diagram order
 * @param line the 1-based line of the diagram where the decision is declared
 */
public record DecisionDefinition(String name, List<Branch> branches, int line) {

    public DecisionDefinition {
        Objects.requireNonNull(name, "name");
        branches = List.copyOf(branches);
    }

    /**
     * One labelled arrow out of a decision.
     *
     * @param label the arrow's label, which is also the branch method's name
     * @param target the step it leads to, or {@link WorkflowDefinition#END}
     */
    public record Branch(String label, String target) {
        public Branch {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(target, "target");
        }
    }
}
