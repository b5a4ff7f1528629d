package io.gamgee.compiler.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated wait: a {@code <<choice>>} whose branches are labelled {@code on <event>} (chosen by
 * an event sent from outside) or {@code after <duration>} (chosen by its timer when no event came
 * first). The steps before it hand over what the instance keeps while it waits.
 *
 * @param name the state's name in the diagram
 * @param fieldName the protected field holding its {@code await} method
 * @param typeStem the stem of its types: {@code <Stem>} (what the step before it returns),
 *     {@code <Stem>Wait} (its field's type) and {@code <Stem>Payload} (what it keeps, user-written)
 * @param events the {@code on} branches, in diagram order
 * @param timer the {@code after} branch, if any
 * @param line where the wait is declared
 */
public record Wait(String name, String fieldName, String typeStem, List<On> events, Optional<After> timer, int line) {

    public Wait {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(typeStem, "typeStem");
        Objects.requireNonNull(timer, "timer");
        events = List.copyOf(events);
    }

    /** The nested type whose {@code await} method the step before the wait returns. */
    public String waitType() {
        return typeStem + "Wait";
    }

    /** The nested type the step before the wait returns. */
    public String awaitType() {
        return typeStem;
    }

    /** The simple name of what the instance keeps while it waits, written by the user. */
    public String keptType() {
        return typeStem + "Payload";
    }

    /** The abstract method that builds the timer branch's payload from what was kept, {@code <wait>TimedOut}. */
    public String timeoutMethod() {
        return timeoutMethod(fieldName);
    }

    /** The timeout method of a wait whose field is {@code fieldName}. */
    static String timeoutMethod(String fieldName) {
        return fieldName + "TimedOut";
    }

    /** Whether the timer leads to a step, so that a timeout method builds that step's payload. */
    public boolean hasTimeoutMethod() {
        return timer.isPresent() && !WorkflowGraph.END.equals(timer.get().target());
    }

    /**
     * An {@code on <event>} branch.
     *
     * @param event the event's name, a Java identifier: the name of its factory in {@code Events}
     * @param target a step's name or {@link WorkflowGraph#END}
     * @param line where the arrow is
     */
    public record On(String event, String target, int line) {
        public On {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * The {@code after <duration>} branch.
     *
     * @param delayMs how long the instance waits for an event, at least 1 ms
     * @param duration the duration as the diagram writes it, e.g. {@code 2d}
     * @param target a step's name or {@link WorkflowGraph#END}
     * @param line where the arrow is
     */
    public record After(long delayMs, String duration, String target, int line) {
        public After {
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(target, "target");
        }
    }
}
