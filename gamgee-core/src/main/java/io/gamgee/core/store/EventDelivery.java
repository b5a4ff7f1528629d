package io.gamgee.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event for one instance, as {@link StateStore#deliver} stores it.
 *
 * @param instanceId the instance it is for
 * @param workflowType the workflow type the event belongs to (an instance of another type refuses it)
 * @param event the event's name
 * @param eventId the sender's id, or a random one; unique per instance (a second delivery with
 *     the same id changes nothing)
 * @param payload the payload of the step the event leads to, as JSON ({@code null} when it ends
 *     the workflow)
 * @param targets for every wait of the workflow that accepts this event, the step it leads to
 *     ({@link io.gamgee.core.definition.WorkflowDefinition#END} to end the workflow)
 * @param traceContext the sender's trace context (the next step's span becomes its child), or
 *     {@code null}
 * @param receivedAt when it was sent
 */
public record EventDelivery(String instanceId, String workflowType, String event, String eventId, String payload,
        Map<String, String> targets, String traceContext, Instant receivedAt) {

    public EventDelivery {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        targets = Map.copyOf(targets);
    }
}
