package io.gamgee.core;

import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Encodes, stamps and inserts new instances for {@link WorkflowBase} and {@link WorkflowClient}. */
final class Submissions {

    private Submissions() {
    }

    static String submit(WorkflowBase<?> workflow, Object payload, StateStore store, String instanceId, Instant startAt) {
        return submit(workflow, payload, store, instanceId, startAt, Clock.systemUTC());
    }

    /**
     * Inserts a {@code WAITING} instance at the first step, carrying the caller's trace context,
     * and wakes this JVM's workers on the store.
     *
     * @param instanceId the id, or {@code null} for a random UUID
     * @param startAt when the first step becomes due, or {@code null} for now
     * @return the instance id (also when an instance with that id already existed)
     */
    static String submit(WorkflowBase<?> workflow, Object payload, StateStore store, String instanceId,
            Instant startAt, Clock clock) {
        Objects.requireNonNull(store, "store");
        WorkflowDefinition definition = workflow.definition();
        Class<?> payloadType = definition.first().payloadType();
        if (payload == null) {
            throw new NullPointerException("the payload of " + definition.workflowType() + " is null; pass a "
                    + payloadType.getSimpleName());
        }
        if (!payloadType.isInstance(payload)) {
            throw new IllegalArgumentException(definition.workflowType() + " starts with a " + payloadType.getName()
                    + ", not a " + payload.getClass().getName());
        }
        if (instanceId != null && instanceId.isBlank()) {
            throw new IllegalArgumentException("the instance id of a " + definition.workflowType() + " must not be blank");
        }
        String id = instanceId != null ? instanceId : UUID.randomUUID().toString();
        String json = PayloadCodec.encode(payload, "a new " + definition.workflowType());
        Instant now = clock.instant();
        NewInstance instance = new NewInstance(id, definition.workflowType(), definition.firstStep(), json,
                startAt != null ? startAt : now, TraceContexts.encode(Context.current()), definition.diagramHash(), now);
        if (store.insert(instance)) {
            WakeSignal.of(store).signal();
        }
        return id;
    }
}
