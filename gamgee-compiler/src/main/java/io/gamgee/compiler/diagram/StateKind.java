package io.gamgee.compiler.diagram;

/** What a state of the diagram is, by its declaration. */
public enum StateKind {
    /** A plain state: a step of the workflow. */
    STEP,
    /** {@code state c <<choice>>}: a decision. */
    CHOICE,
    /** {@code <<fork>>}, not supported yet. */
    FORK,
    /** {@code <<join>>}, not supported yet. */
    JOIN,
    /** {@code state x { … }}, not supported yet. */
    COMPOSITE;

    /** Whether the compiler reports this kind as not supported; such states are left out of graph checks. */
    public boolean isUnsupported() {
        return this == FORK || this == JOIN || this == COMPOSITE;
    }
}
