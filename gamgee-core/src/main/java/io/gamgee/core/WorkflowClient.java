package io.gamgee.core;

import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Delivery;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Clock;
import java.time.Instant;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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
    private final TransactionJoiner transactions;
    /** Where submits are written when the caller's transaction holds them (see {@link #joining}), else {@code null}. */
    private final StateStore callerTransaction;

    private WorkflowClient(StateStore store, WorkflowRegistry registry, Clock clock, TransactionJoiner transactions,
            StateStore callerTransaction) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transactions = transactions;
        this.callerTransaction = callerTransaction;
    }

    private WorkflowClient(StateStore store, WorkflowRegistry registry, Clock clock) {
        this(store, registry, clock, null, null);
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
     * A client whose submits join the caller's transaction whenever {@code transactions} finds one
     * (what the CDI extension's {@code WorkflowClient} bean does with JTA), and commit on their own
     * otherwise.
     */
    public static WorkflowClient create(StateStore store, WorkflowRegistry registry, Clock clock,
            TransactionJoiner transactions) {
        return new WorkflowClient(store, registry, clock, Objects.requireNonNull(transactions, "transactions"), null);
    }

    /**
     * A client whose submits write through {@code transactionBound}: a view of this client's store
     * bound to a transaction the caller owns and commits, e.g.
     * {@code JpaStateStore.joining(connection)}. A submitted instance exists only once the caller
     * commits, and never if it rolls back. Nothing is handed to idle workers before that commit
     * (they could not see the row): workers find it at their next poll, or at once if the caller
     * calls {@link #wakeWorkers()} after committing. Everything but submitting goes to this client's
     * own store.
     *
     * <pre>{@code
     * connection.setAutoCommit(false);
     * orders.insert(connection, order);
     * client.joining(store.joining(connection)).submit(OrderWorkflow.class, new ChargePayload(order.id(), order.amount()), order.id());
     * connection.commit();
     * client.wakeWorkers();
     * }</pre>
     */
    public WorkflowClient joining(StateStore transactionBound) {
        return new WorkflowClient(store, registry, clock, null,
                Objects.requireNonNull(transactionBound, "transactionBound"));
    }

    /**
     * Wakes the idle workers of this client's registry in this JVM, so they look for due work now
     * rather than at their next poll: after committing a transaction that submitted workflows.
     */
    public void wakeWorkers() {
        registry.signal().signal();
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
        NewInstance instance = Submissions.prepare(workflow, payload, options.instanceId(), options.resolveStart(now),
                clock);
        if (callerTransaction != null) {
            // the row is invisible until the caller commits: no hand-off, no wake-up yet
            return Submissions.insert(instance, callerTransaction, null);
        }
        if (transactions != null && transactions.join(store, view -> view.insert(instance), registry.signal()::signal)) {
            return instance.instanceId();
        }
        return Submissions.insert(instance, store, registry.signal());
    }

    /**
     * Where the instance stands, with each of its branches if it forked and, at a wait, the events
     * it waits for and when its timer fires; empty for an unknown id. A branch's id
     * ({@code <instance id>/<first step>}) gives that branch's status.
     */
    public Optional<WorkflowStatus> status(String instanceId) {
        Instant now = clock.instant();
        return store.find(instanceId).map(instance -> WorkflowStatus.of(instance,
                instance.isBranch() ? List.of() : store.branches(instanceId),
                registry.find(instance.workflowType()).flatMap(r -> r.definition().waitState(instance.step()))
                        .orElse(null),
                now));
    }

    /**
     * Sends an event to the instance {@code instanceId} of workflow {@code type}. The event comes
     * from the workflow's generated {@code Events} factories, so its payload is the one the step it
     * leads to takes, and an event of another workflow does not compile:
     *
     * <pre>{@code
     * client.send(PaymentWorkflow.class, orderId, PaymentWorkflow.Events.captured(new ShipPayload(orderId))
     *         .withId(webhook.deliveryId()));
     * }</pre>
     *
     * <p>If the instance waits for the event it moves on at once ({@link SendResult#DELIVERED}); if
     * it has not reached such a wait yet the event is kept and consumed when it does
     * ({@link SendResult#QUEUED}); the same event id twice changes nothing
     * ({@link SendResult#DUPLICATE}); a finished or unknown instance keeps nothing
     * ({@link SendResult#FINISHED}, {@link SendResult#UNKNOWN_INSTANCE}). Event and timer race
     * atomically: whichever is written first wins. The sender's current span becomes the parent of
     * the step the event leads to.
     *
     * <p>A send commits on its own, also inside a container-managed (JTA) transaction; on a client
     * made with {@link #joining} it writes through the caller's transaction-bound store instead, and
     * idle workers are not woken before the caller commits ({@link #wakeWorkers()}).
     *
     * @throws IllegalArgumentException if {@code type} is not registered or never waits for the event
     * @throws PayloadException if the payload cannot be encoded as JSON
     */
    public <W extends WorkflowBase<?>> SendResult send(Class<W> type, String instanceId, Event<? super W> event) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(event, "event");
        WorkflowDefinition definition = registry.registrationOf(type).definition();
        if (!definition.workflowType().equals(event.workflowType())) {
            throw new IllegalArgumentException("event " + event + " is for " + event.workflowType() + ", not "
                    + definition.workflowType());
        }
        Map<String, String> targets = new LinkedHashMap<>();
        for (WaitDefinition wait : definition.waits().values()) {
            wait.on(event.name()).ifPresent(on -> targets.put(wait.name(), on.target()));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(definition.workflowType() + " has no wait for event " + event.name());
        }
        String payload = event.payload() == null ? null
                : PayloadCodec.encode(event.payload(), "event " + event.name() + " for instance " + instanceId);
        String eventId = event.id().orElseGet(() -> UUID.randomUUID().toString());
        EventDelivery delivery = new EventDelivery(instanceId, definition.workflowType(), event.name(),
                eventId, payload, targets, TraceContexts.encode(Context.current()), clock.instant());
        if (callerTransaction != null) {
            return callerTransaction.deliver(delivery);
        }
        // an idle pool thread of this JVM that runs every step the event may lead to takes the
        // instance's lease in the delivery's own transaction and runs the step without a claim
        WakeSignal signal = registry.signal();
        List<String> steps = targets.values().stream().filter(step -> !WorkflowDefinition.END.equals(step))
                .distinct().toList();
        WakeSignal.Idle waiter = steps.isEmpty() ? null : signal.reserve(store, definition.workflowType(), steps);
        if (waiter == null) {
            SendResult result = store.deliver(delivery);
            if (result == SendResult.DELIVERED) {
                signal.signal();
            }
            return result;
        }
        Delivery delivered;
        try {
            delivered = store.deliverClaimed(delivery, waiter.workerId, waiter.leaseUntil());
        } catch (RuntimeException | Error e) {
            signal.cancel(waiter);
            throw e;
        }
        if (delivered.result() == SendResult.DELIVERED) {
            Submissions.giveTo(store, signal, waiter, delivered.claim());
        } else {
            signal.giveBack(waiter);   // kept, duplicate or refused: nothing became due
        }
        return delivered.result();
    }

    /**
     * Workflow instances (not their branches) matching {@code query} and, if not {@code null},
     * {@code status}, oldest first; {@link #status} shows an instance's branches.
     *
     * @param offset how many to skip
     * @param limit at most this many
     */
    public List<WorkflowStatus> list(Query query, InstanceStatus status, int offset, int limit) {
        Instant now = clock.instant();
        return store.list(query, status, offset, limit).stream().map(instance -> WorkflowStatus.of(instance, now)).toList();
    }

    /**
     * A page of the instances (branches included) matching {@code query} and {@code status},
     * ordered by when they are due or finished, oldest or newest first: what a dashboard's state
     * view shows, served from the store's claim index when {@code status} is given, and without a
     * status from each status's range of it, merged.
     */
    public List<WorkflowStatus> page(Query query, InstanceStatus status, boolean newestFirst, int offset, int limit) {
        Instant now = clock.instant();
        return store.page(query, status, newestFirst, offset, limit).stream()
                .map(instance -> WorkflowStatus.of(instance, now)).toList();
    }

    /** How many instances match {@code query} and, if not {@code null}, {@code status}. */
    public long count(Query query, InstanceStatus status) {
        return store.count(query, status);
    }

    /**
     * What the instances of {@code workflowType} at each state are doing now: how many wait, run,
     * retry or are unrecoverable there, and how many completed there since {@code completedSince}
     * (see {@link StateStore#stateCounts}). States with no instance are left out.
     */
    public List<StateCounts> stateCounts(String workflowType, Instant completedSince) {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(completedSince, "completedSince");
        return store.stateCounts(workflowType, clock.instant(), completedSince);
    }

    /**
     * The payload the instance holds, as stored JSON: its current step's (what it keeps, at a
     * wait; its result, for a finished branch); empty for an unknown id or no payload.
     */
    public Optional<String> payload(String instanceId) {
        return store.find(instanceId).map(WorkflowInstance::payload);
    }

    /** The instance's executed steps, its branches' included, oldest first. */
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
     * Puts one unrecoverable instance back to work at the step where it stopped, with its attempts
     * reset (a workflow failed by its branches: those branches). Fix the cause first.
     *
     * @return {@code false} if there is no such instance or it is not unrecoverable
     */
    public boolean recover(String instanceId) {
        boolean recovered = store.recover(Objects.requireNonNull(instanceId, "instanceId"), clock.instant());
        if (recovered) {
            registry.signal().signal();
        }
        return recovered;
    }

    /**
     * Cancels a waiting instance; it never runs again. A step that is running finishes, but its
     * result is discarded. An instance waiting at a join is cancelled with all its unfinished
     * branches.
     *
     * @return {@code false} if there is no such instance, it already finished, or the id is a
     *     branch's (cancel its workflow instance)
     */
    public boolean cancel(String instanceId) {
        return store.cancel(instanceId, clock.instant());
    }
}
