package io.gamgee.compiler.diagram;

import java.util.Objects;

/**
 * A state of the diagram as first seen, and what its declaration made it.
 *
 * @param name where the state's name first appears (a declaration, an arrow or a description line)
 * @param kind what the state is; {@link StateKind#STEP} unless a declaration said otherwise
 * @param declaration where the {@code state} declaration that set the kind is, or {@code name} when none did
 */
public record DiagramState(Token name, StateKind kind, Token declaration) {

    public DiagramState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(declaration, "declaration");
    }

    /** Where diagnostics about this state point: its declaration for decisions, its first mention otherwise. */
    public Token location() {
        return kind == StateKind.STEP ? name : declaration;
    }
}
