package io.gamgee.core;

import java.util.Objects;
import java.util.Optional;

/**
 * An event for a workflow instance that waits ({@code on <event>} in its diagram). Generated bases
 * make them, type-checked: {@code PaymentWorkflow.Events.captured(new ShipPayload(...))} carries
 * the payload of the step the event leads to, and its type parameter is the workflow's base
 * class, so {@link WorkflowClient#send} refuses at compile time an event of another workflow.
 *
 * <p>Give an event the id its sender uses ({@link #withId}, e.g. the webhook's delivery id): the
 * same id sent twice to one instance changes nothing the second time, so retried webhooks are
 * harmless. Without an id every send is a new event.
 *
 * @param <W> the generated base class of the workflow the event is for
 */
public final class Event<W> {

    private final String workflowType;
    private final String name;
    private final Object payload;
    private final String id;

    private Event(String workflowType, String name, Object payload, String id) {
        this.workflowType = Objects.requireNonNull(workflowType, "workflowType");
        this.name = Objects.requireNonNull(name, "name");
        this.payload = payload;
        this.id = id;
    }

    /**
     * An event named {@code name} for workflows of {@code workflowType}; generated code calls it.
     *
     * @param payload the payload of the step the event leads to, or {@code null} when it ends the workflow
     */
    public static <W> Event<W> of(String workflowType, String name, Object payload) {
        return new Event<>(workflowType, name, payload, null);
    }

    /** This event with the sender's id, which makes sending it again harmless. */
    public Event<W> withId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an event id must not be blank");
        }
        return new Event<>(workflowType, name, payload, id);
    }

    /** The workflow type the event is for. */
    public String workflowType() {
        return workflowType;
    }

    /** The event's name, as the diagram writes it after {@code on}. */
    public String name() {
        return name;
    }

    /** The payload for the step the event leads to; {@code null} when it ends the workflow. */
    public Object payload() {
        return payload;
    }

    /** The sender's id, if given. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    @Override
    public String toString() {
        return workflowType + "." + name + (id == null ? "" : "#" + id);
    }
}
