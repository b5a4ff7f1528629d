package io.gamgee.core;

import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Submits and manages workflow instances: what an application calls (in CDI, the injectable
 * {@code WorkflowClient} bean). Thread-safe.
 *
 * <pre>{@code
 * WorkflowClient client = WorkflowClient.create(store, registry);
 * String id = client.submit(ConditionsWorkflow.class, new DecidePayload());
 * client.status(id).ifPresent(status -> System.out.println(status.step()));
 * }</pre>
 *
 * <p>The registry is what a client shares with the {@link WorkerPool}s of its JVM: a submit wakes
 * the idle threads of pools running the same registry at once (others find the instance at their
 * next poll), and hands a due instance straight to one of them when that pool uses the very same
 * store object.
 */
public final class WorkflowClient {

    private final StateStore store;
    private final WorkflowRegistry registry;
    private final Clock clock;

    private WorkflowClient(StateStore store, WorkflowRegistry registry, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A client on the system clock. */
    public static WorkflowClient create(StateStore store, WorkflowRegistry registry) {
        return new WorkflowClient(store, registry, Clock.systemUTC());
    }

    /** A client whose submit times, delays and recoveries follow {@code clock} (a test clock). */
    public static WorkflowClient create(StateStore store, WorkflowRegistry registry, Clock clock) {
        return new WorkflowClient(store, registry, clock);
    }

    /**
     * Submits a new instance of the registered workflow {@code type}, due now.
     *
     * @return the new instance's id
     * @throws IllegalArgumentException if {@code type} is not registered
     * @throws PayloadException if the payload cannot be encoded as JSON
     */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload) {
        return submit(type, payload, SubmitOptions.defaults());
    }

    /** Submits under {@code instanceId}; submitting the same id again does nothing and returns it. */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload, String instanceId) {
        return submit(type, payload, SubmitOptions.defaults().instanceId(instanceId));
    }

    /** Submits with an id and/or a delayed start. */
    public <P, W extends WorkflowBase<P>> String submit(Class<W> type, P payload, SubmitOptions options) {
        Objects.requireNonNull(options, "options");
        WorkflowBase<?> workflow = registry.registrationOf(type).newWorkflow();
        Instant now = clock.instant();
        return Submissions.submit(workflow, payload, store, registry.signal(), options.instanceId(),
                options.resolveStart(now), clock);
    }

    /** Where the instance stands, or empty for an unknown id. */
    public Optional<WorkflowStatus> status(String instanceId) {
        Instant now = clock.instant();
        return store.find(instanceId).map(instance -> WorkflowStatus.of(instance, now));
    }

    /**
     * Instances matching {@code query} and, if not {@code null}, {@code status}, oldest first.
     *
     * @param offset how many to skip
     * @param limit at most this many
     */
    public List<WorkflowStatus> list(Query query, InstanceStatus status, int offset, int limit) {
        Instant now = clock.instant();
        return store.list(query, status, offset, limit).stream().map(instance -> WorkflowStatus.of(instance, now)).toList();
    }

    /** How many instances match {@code query} and, if not {@code null}, {@code status}. */
    public long count(Query query, InstanceStatus status) {
        return store.count(query, status);
    }

    /** The instance's executed steps, oldest first. */
    public List<StepRecord> history(String instanceId) {
        return store.history(instanceId);
    }

    /**
     * Puts up to {@code limit} unrecoverable instances matching {@code query} back to work at the
     * step where they stopped, with attempts reset. Fix the cause first (deploy the fix, restore
     * the downstream service), then recover.
     *
     * @return how many were recovered
     */
    public int recoverTasks(Query query, int limit) {
        int recovered = store.recoverTasks(query, limit, clock.instant());
        if (recovered > 0) {
            registry.signal().signal();
        }
        return recovered;
    }

    /**
     * Cancels a waiting instance; it never runs again. A step that is running finishes, but its
     * result is discarded.
     *
     * @return {@code false} if there is no such instance or it already finished
     */
    public boolean cancel(String instanceId) {
        return store.cancel(instanceId, clock.instant());
    }
}
