package io.gamgee.compiler.diagram;

/** What a state of the diagram is, by its declaration. */
public enum StateKind {
    /** A plain state: a step of the workflow. */
    STEP,
    /** {@code state c <<choice>>}: a decision. */
    CHOICE,
    /** {@code state f <<fork>>}: starts parallel branches. */
    FORK,
    /** {@code state j <<join>>}: where a fork's branches end and their results are merged. */
    JOIN,
    /** {@code state x { … }}, not supported yet. */
    COMPOSITE;

    /** Whether the compiler reports this kind as not supported; such states are left out of graph checks. */
    public boolean isUnsupported() {
        return this == COMPOSITE;
    }
}
