package io.gamgee.core.definition;

import java.util.List;
import java.util.Objects;

/**
 * A {@code <<fork>>} state: the step before it starts every branch at once, each as its own
 * durable unit of work, and the instance waits at {@link #join()} until all have finished.
 *
 * @param name the fork's name in the diagram
 * @param branches the first step of every branch, in diagram order (at least two)
 * @param join the {@code <<join>>} state every branch ends at
 * @param line the 1-based line of the diagram where the fork is declared
 */
public record ForkDefinition(String name, List<String> branches, String join, int line) {

    public ForkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(join, "join");
        branches = List.copyOf(branches);
        if (branches.size() < 2) {
            throw new IllegalArgumentException("fork " + name + " needs at least two branches, has " + branches);
        }
    }
}
