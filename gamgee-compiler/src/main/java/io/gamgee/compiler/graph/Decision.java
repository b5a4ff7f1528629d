package io.gamgee.compiler.graph;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code <<choice>>} state.
 *
 * @param name the state's name in the diagram
 * @param fieldName the protected field holding its branches
 * @param typeStem the stem of its nested types, {@code <Stem>Branches} and {@code <Stem>Decision}
 * @param branches in diagram order
 * @param line where the decision is declared
 */
public record Decision(String name, String fieldName, String typeStem, List<Branch> branches, int line) {

    public Decision {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(typeStem, "typeStem");
        branches = List.copyOf(branches);
    }

    /** The nested type whose methods are the branches. */
    public String branchesType() {
        return typeStem + "Branches";
    }

    /** The nested type a step leading to this decision returns. */
    public String decisionType() {
        return typeStem + "Decision";
    }

    /**
     * One labelled arrow out of a decision.
     *
     * @param label the branch method's name
     * @param target a step's name or {@link WorkflowGraph#END}
     * @param line where the arrow is
     */
    public record Branch(String label, String target, int line) {
        public Branch {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(target, "target");
        }
    }
}
