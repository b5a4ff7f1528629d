package io.gamgee.compiler.diagram;

import java.util.Objects;
import java.util.Optional;

/**
 * One transition of the diagram, {@code from --> to} with an optional label.
 *
 * @param from the source state's name, or {@code [*]}
 * @param to the target state's name, or {@code [*]}
 * @param label the text after {@code :}, trimmed; absent when there is none or it is blank
 */
public record Arrow(Token from, Token to, Optional<Token> label) {

    /** The name Mermaid uses for the start and the end of a diagram. */
    public static final String TERMINAL = "[*]";

    public Arrow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(label, "label");
    }

    /** Whether the arrow starts at {@code [*]}. */
    public boolean fromStart() {
        return from.text().equals(TERMINAL);
    }

    /** Whether the arrow ends at {@code [*]}. */
    public boolean toEnd() {
        return to.text().equals(TERMINAL);
    }

    /** Whether the arrow leads from a state back to itself. */
    public boolean isSelf() {
        return !fromStart() && from.text().equals(to.text());
    }
}
