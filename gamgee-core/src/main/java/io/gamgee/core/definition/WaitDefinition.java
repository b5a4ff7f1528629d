package io.gamgee.core.definition;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait: a {@code <<choice>>} whose branches are chosen from outside ({@code on <event>}) or by
 * time ({@code after <duration>}). The step before it hands over what the instance keeps while it
 * waits; the instance then holds no thread, lease or connection until an event or its timer moves
 * it on, whichever comes first.
 *
 * @param name the wait's name in the diagram
 * @param keptType what the instance keeps while it waits, {@code <Wait>Payload}; the timer branch
 *     builds its target's payload from it
 * @param events the {@code on <event>} branches, in diagram order
 * @param timer the {@code after <duration>} branch, or {@code null} when only events move it on
 * @param line the 1-based line of the diagram where the wait is declared
 */
public record WaitDefinition(String name, Class<?> keptType, List<On> events, After timer, int line) {

    public WaitDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keptType, "keptType");
        events = List.copyOf(events);
        if (events.isEmpty() && timer == null) {
            throw new IllegalArgumentException("wait " + name + " has neither an event nor a timer");
        }
    }

    /** The branch event {@code event} chooses, if this wait has one. */
    public Optional<On> on(String event) {
        return events.stream().filter(on -> on.event().equals(event)).findFirst();
    }

    /** The timer branch, if any. */
    public Optional<After> after() {
        return Optional.ofNullable(timer);
    }

    /**
     * An {@code on <event>} branch.
     *
     * @param event the event's name, a Java identifier
     * @param target the step it leads to, or {@link WorkflowDefinition#END}
     * @param payloadType the event's payload type: the target step's payload type ({@link Void}
     *     when the event ends the workflow)
     */
    public record On(String event, String target, Class<?> payloadType) {
        public On {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(payloadType, "payloadType");
        }
    }

    /**
     * An {@code after <duration>} branch: taken when no event came within {@code delay} of the
     * instance reaching the wait.
     *
     * @param delay how long the instance waits for an event
     * @param target the step it leads to, or {@link WorkflowDefinition#END}
     */
    public record After(Duration delay, String target) {
        public After {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(target, "target");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a timer's delay must not be negative: " + delay);
            }
        }
    }
}
