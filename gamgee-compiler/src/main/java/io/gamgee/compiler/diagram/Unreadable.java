package io.gamgee.compiler.diagram;

import java.util.Set;

/**
 * What the lines the parser could not read may have said about states, guessed by a tolerant scan.
 * The validator leaves out the errors these lines could explain ({@code step a has no outgoing
 * arrow}, {@code state b is not reachable}), so the first error a user reads is the line itself.
 *
 * @param named states named on an unreadable line; they count as connected
 * @param leadingOut states an unreadable line may lead out of: a name followed by another
 * @param untyped states whose declaration could not be read, so may be steps or decisions
 * @param mayStart whether an unreadable line may be the arrow from {@code [*]}
 */
public record Unreadable(Set<String> named, Set<String> leadingOut, Set<String> untyped, boolean mayStart) {

    /** Nothing was unreadable. */
    public static final Unreadable NONE = new Unreadable(Set.of(), Set.of(), Set.of(), false);

    public Unreadable {
        named = Set.copyOf(named);
        leadingOut = Set.copyOf(leadingOut);
        untyped = Set.copyOf(untyped);
    }
}
