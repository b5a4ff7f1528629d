package io.gamgee.compiler.graph;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code <<fork>>} state: the step before it starts every branch at once; each branch
 * is a chain of steps ending at the fork's join.
 *
 * @param name the state's name in the diagram
 * @param fieldName the protected field holding its {@code start} method
 * @param typeStem the stem of its nested types, {@code <Stem>} (what the step before it returns) and
 *     {@code <Stem>Fork} (its field's type)
 * @param branches in the order of the fork's arrows in the diagram
 * @param join the name of the join every branch ends at
 * @param line where the fork is declared
 */
public record Fork(String name, String fieldName, String typeStem, List<Branch> branches, String join, int line) {

    public Fork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(typeStem, "typeStem");
        Objects.requireNonNull(join, "join");
        branches = List.copyOf(branches);
    }

    /** The nested type whose {@code start} method starts the branches. */
    public String forkType() {
        return typeStem + "Fork";
    }

    /** The nested type the step leading to this fork returns. */
    public String startType() {
        return typeStem;
    }

    /**
     * One branch: a chain of steps from the fork to its join.
     *
     * @param steps the branch's steps in the order they run, at least one
     * @param line where the arrow from the fork to the first step is
     */
    public record Branch(List<String> steps, int line) {
        public Branch {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a branch has at least one step");
            }
        }

        /** The step the fork starts. */
        public String firstStep() {
            return steps.get(0);
        }

        /** The step whose result the join receives. */
        public String lastStep() {
            return steps.get(steps.size() - 1);
        }
    }
}
