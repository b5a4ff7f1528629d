package io.gamgee.core;

import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.context.Context;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Encodes, stamps and inserts new instances for {@link WorkflowBase} and {@link WorkflowClient}. */
final class Submissions {

    private static final System.Logger LOG = System.getLogger(Submissions.class.getName());

    private Submissions() {
    }

    static String submit(WorkflowBase<?> workflow, Object payload, StateStore store, String instanceId, Instant startAt) {
        return submit(workflow, payload, store, null, instanceId, startAt, Clock.systemUTC());
    }

    /**
     * Inserts a {@code WAITING} instance at the first step, carrying the caller's trace context,
     * and wakes the workers waiting on {@code signal}; a due instance goes straight to one of their
     * idle pool threads when there is one on the same store.
     *
     * @param signal the registry's signal, or {@code null} to leave the instance to polling workers
     * @param instanceId the id, or {@code null} for a random UUID
     * @param startAt when the first step becomes due, or {@code null} for now
     * @return the instance id (also when an instance with that id already existed)
     */
    static String submit(WorkflowBase<?> workflow, Object payload, StateStore store, WakeSignal signal,
            String instanceId, Instant startAt, Clock clock) {
        Objects.requireNonNull(store, "store");
        return insert(prepare(workflow, payload, instanceId, startAt, clock), store, signal);
    }

    /** Checks and encodes a submit into the instance to insert, stamped with {@code clock}'s time. */
    static NewInstance prepare(WorkflowBase<?> workflow, Object payload, String instanceId, Instant startAt,
            Clock clock) {
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
        return new NewInstance(id, definition.workflowType(), definition.firstStep(), json,
                startAt != null ? startAt : now, TraceContexts.encode(Context.current()), definition.diagramHash(), now);
    }

    /**
     * Inserts a prepared instance and wakes the workers waiting on {@code signal}; an instance due
     * when it was prepared goes straight to one of their idle pool threads when there is one on
     * the same store.
     *
     * @return the instance id
     */
    static String insert(NewInstance instance, StateStore store, WakeSignal signal) {
        Instant now = instance.createdAt();
        WakeSignal.Idle waiter = signal == null || instance.runAfter().isAfter(now) ? null
                : signal.reserve(store, instance.workflowType(), instance.step());
        if (waiter == null) {
            if (store.insert(instance) && signal != null) {
                signal.signal();
                if (instance.runAfter().isAfter(now)) {
                    signal.dueIn(Duration.between(now, instance.runAfter()));
                }
            }
        } else {
            handOver(store, signal, waiter, instance);
        }
        return instance.instanceId();
    }

    /** Inserts {@code instance} claimed by an idle worker of this JVM and hands the claim to it. */
    private static void handOver(StateStore store, WakeSignal signal, WakeSignal.Idle waiter, NewInstance instance) {
        Optional<Claim> claim;
        try {
            claim = store.insertClaimed(instance, waiter.workerId, waiter.leaseUntil());
        } catch (RuntimeException | Error e) {
            signal.cancel(waiter);
            throw e;
        }
        // empty: the id existed already, or the store inserted it unclaimed: any worker may look
        giveTo(store, signal, waiter, claim);
    }

    /**
     * Hands {@code claim}, taken for the reserved {@code waiter}, to it, releasing it if the waiter
     * stopped waiting meanwhile; without a claim, gives the waiter back and wakes every waiter to
     * look for work.
     */
    static void giveTo(StateStore store, WakeSignal signal, WakeSignal.Idle waiter, Optional<Claim> claim) {
        if (claim.isEmpty()) {
            signal.cancel(waiter);
        } else if (!signal.handOver(waiter, claim.get())) {
            try {
                store.release(claim.get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "instance " + claim.get().instanceId() + " was claimed for worker "
                        + waiter.workerId + ", which stopped waiting; it becomes due when the lease expires", e);
            }
        }
    }
}
