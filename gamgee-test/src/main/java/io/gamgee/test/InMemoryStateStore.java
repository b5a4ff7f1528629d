package io.gamgee.test;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.Delivery;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A {@link StateStore} in memory, for tests and for trying Gamgee out. It implements the whole
 * contract (leases, compare-and-set on versions, history), so workflows behave as they would on a
 * database, except that nothing survives the JVM.
 *
 * <p>Thread-safe: one lock guards all state, which keeps every transition atomic. A claim costs
 * O(log n) in the number of waiting instances (see {@link DueIndex}).
 */
public final class InMemoryStateStore implements StateStore {

    private static final int MAX_PICKS = 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, WorkflowInstance> instances = new HashMap<>();
    // keyed by workflow instance: a branch's records are kept with its parent's, in write order
    private final Map<String, List<StepRecord>> histories = new HashMap<>();
    private final Map<String, List<String>> branchIds = new HashMap<>();
    private final Map<String, List<StoredEvent>> events = new HashMap<>();

    /** An event kept for an instance; {@code consumed} once it moved the instance on. */
    private static final class StoredEvent {
        final String id;
        final String name;
        final String payload;
        final String traceContext;
        boolean consumed;

        StoredEvent(String id, String name, String payload, String traceContext, boolean consumed) {
            this.id = id;
            this.name = name;
            this.payload = payload;
            this.traceContext = traceContext;
            this.consumed = consumed;
        }
    }
    private final DueIndex due = new DueIndex();
    private final Random random;
    private long waiting;
    private long unrecoverable;
    private long updates;

    /** An empty store. */
    public InMemoryStateStore() {
        this(new Random());
    }

    /** An empty store whose {@link FetchStrategy#RANDOM} picks come from {@code random}. */
    public InMemoryStateStore(Random random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Counters for assertions and benchmarks.
     *
     * @param tasksRemaining instances still {@link InstanceStatus#WAITING}
     * @param unrecoverable instances {@link InstanceStatus#UNRECOVERABLE}
     * @param updatesSeen successful writes (inserts, claims, renewals, transitions, recoveries, cancels)
     */
    public record Stats(long tasksRemaining, long unrecoverable, long updatesSeen) {
    }

    /** A consistent snapshot of the counters. */
    public Stats getStats() {
        lock.lock();
        try {
            return new Stats(waiting, unrecoverable, updates);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean insert(NewInstance n) {
        Objects.requireNonNull(n, "instance");
        return store(n, null, null) != null;
    }

    @Override
    public Optional<Claim> insertClaimed(NewInstance n, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(n, "instance");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return Optional.ofNullable(store(n, workerId, leaseUntil))
                .map(instance -> new Claim(instance, workerId, leaseUntil));
    }

    /** Stores a new instance, leased if {@code leaseOwner} is given; {@code null} if the id exists. */
    private WorkflowInstance store(NewInstance n, String leaseOwner, Instant leaseUntil) {
        lock.lock();
        try {
            if (instances.containsKey(n.instanceId())) {
                return null;
            }
            WorkflowInstance instance = n.toInstance(leaseOwner, leaseUntil);
            write(null, instance);
            histories.put(n.instanceId(), new ArrayList<>());
            return instance;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Claim> claim(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        lock.lock();
        try {
            for (int i = 0; i < MAX_PICKS; i++) {
                String id = due.pick(query, strategy, now, random);
                if (id == null) {
                    return Optional.empty();
                }
                WorkflowInstance current = instances.get(id);
                if (!isDue(current, now)) {
                    // only when a caller's clock went backwards: put it back where it belongs
                    due.remove(current);
                    due.add(current);
                    continue;
                }
                WorkflowInstance claimed = copy(current, b -> b.lease(workerId, leaseUntil).updatedAt(now));
                write(current, claimed);
                return Optional.of(new Claim(claimed, workerId, leaseUntil));
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private static boolean isDue(WorkflowInstance instance, Instant now) {
        return instance.status() == InstanceStatus.WAITING && !instance.runAfter().isAfter(now)
                && !instance.isLeased(now);
    }

    @Override
    public Optional<Claim> renewLease(Claim claim, Instant leaseUntil) {
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return transition(claim, null, current -> copy(current, b -> b.lease(claim.workerId(), leaseUntil)))
                .map(renewed -> new Claim(renewed, claim.workerId(), leaseUntil));
    }

    @Override
    public Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        Objects.requireNonNull(nextStep, "nextStep");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        return transition(claim, record, current -> copy(current, b -> {
            b.moveTo(nextStep, payload, diagramHash, traceContext, record.finishedAt(), record.finishedAt());
            if (keepLeaseUntil != null) {
                b.lease(claim.workerId(), keepLeaseUntil);
            } else {
                b.lease(null, null);
            }
        })).map(advanced -> new Claim(advanced, claim.workerId(),
                keepLeaseUntil != null ? keepLeaseUntil : claim.leaseUntil()));
    }

    @Override
    public boolean advanceLater(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant runAfter) {
        Objects.requireNonNull(nextStep, "nextStep");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(runAfter, "runAfter");
        return transition(claim, record, current -> copy(current, b -> {
            b.moveTo(nextStep, payload, diagramHash, traceContext, runAfter, record.finishedAt());
            b.lease(null, null);
        })).isPresent();
    }

    @Override
    public Optional<WorkflowInstance> await(Claim claim, String wait, String kept, Map<String, String> accepts,
            Instant timerAt, String diagramHash, String traceContext, StepRecord record) {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(record, "record");
        lock.lock();
        try {
            StoredEvent early = events.getOrDefault(claim.instanceId(), List.of()).stream()
                    .filter(e -> !e.consumed && accepts.containsKey(e.name)).findFirst().orElse(null);
            Instant at = record.finishedAt();
            Optional<WorkflowInstance> written = transition(claim, record, current -> copy(current, b -> {
                b.diagramHash = diagramHash;
                b.attempts = 0;
                b.lastError = null;
                b.lease(null, null);
                b.updatedAt = at;
                if (early == null) {
                    b.step = wait;
                    b.payload = kept;
                    b.traceContext = traceContext;
                    b.runAfter = timerAt != null ? timerAt : NEVER;
                } else {
                    moveOn(b, accepts.get(early.name), early, traceContext, at);
                }
            }));
            if (written.isPresent() && early != null) {
                early.consumed = true;
                histories.get(rootOf(written.get())).add(eventRecord(claim.instanceId(), wait, early,
                        accepts.get(early.name), at));
            }
            return written;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SendResult deliver(EventDelivery event) {
        Objects.requireNonNull(event, "event");
        return deliver(event, null, null).result();
    }

    @Override
    public Delivery deliverClaimed(EventDelivery event, String workerId, Instant leaseUntil) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return deliver(event, workerId, leaseUntil);
    }

    /** Delivers {@code event}; an instance it moves on to a step is leased to {@code leaseOwner} if given. */
    private Delivery deliver(EventDelivery event, String leaseOwner, Instant leaseUntil) {
        lock.lock();
        try {
            WorkflowInstance current = instances.get(event.instanceId());
            if (current == null) {
                return Delivery.withoutClaim(SendResult.UNKNOWN_INSTANCE);
            }
            if (!current.workflowType().equals(event.workflowType())) {
                return Delivery.withoutClaim(SendResult.WRONG_WORKFLOW);
            }
            List<StoredEvent> kept = events.computeIfAbsent(event.instanceId(), id -> new ArrayList<>());
            if (kept.stream().anyMatch(e -> e.id.equals(event.eventId()))) {
                return Delivery.withoutClaim(SendResult.DUPLICATE);
            }
            if (current.status() != InstanceStatus.WAITING) {
                return Delivery.withoutClaim(SendResult.FINISHED);
            }
            String target = event.targets().get(current.step());
            StoredEvent stored = new StoredEvent(event.eventId(), event.event(), event.payload(), event.traceContext(),
                    target != null);
            kept.add(stored);
            if (target == null) {
                return Delivery.withoutClaim(SendResult.QUEUED);
            }
            Instant at = event.receivedAt();
            boolean leased = leaseOwner != null && !WorkflowDefinition.END.equals(target);
            WorkflowInstance moved = copy(current, b -> {
                b.attempts = 0;
                b.lastError = null;
                b.lease(leased ? leaseOwner : null, leased ? leaseUntil : null);
                b.updatedAt = at;
                moveOn(b, target, stored, current.traceContext(), at);
            });
            write(current, moved);
            histories.get(rootOf(current)).add(eventRecord(current.instanceId(), current.step(), stored, target, at));
            return new Delivery(SendResult.DELIVERED,
                    leased ? Optional.of(new Claim(moved, leaseOwner, leaseUntil)) : Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    /** Moves a waiting instance to where {@code event} leads: its target step, due at once, or the end. */
    private static void moveOn(Row b, String target, StoredEvent event, String traceContext, Instant at) {
        if (WorkflowDefinition.END.equals(target)) {
            b.status = InstanceStatus.COMPLETED;
        } else {
            b.step = target;
            b.payload = event.payload;
            b.runAfter = at;
        }
        b.traceContext = event.traceContext != null ? event.traceContext : traceContext;
    }

    private static StepRecord eventRecord(String instanceId, String wait, StoredEvent event, String target,
            Instant at) {
        boolean ends = WorkflowDefinition.END.equals(target);
        return new StepRecord(instanceId, wait, 1, "event:" + event.id, at, at,
                ends ? StepRecord.Outcome.COMPLETED : StepRecord.Outcome.ADVANCED, ends ? null : target, null);
    }

    @Override
    public boolean complete(Claim claim, StepRecord record) {
        Objects.requireNonNull(record, "record");
        return transition(claim, record, current -> copy(current, b -> {
            b.status = InstanceStatus.COMPLETED;
            b.lease(null, null);
            b.updatedAt = record.finishedAt();
        })).isPresent();
    }

    @Override
    public boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(record, "record");
        return transition(claim, record, current -> copy(current, b -> {
            b.attempts = current.attempts() + 1;
            b.runAfter = runAfter;
            b.lastError = error;
            b.lease(null, null);
            b.updatedAt = record.finishedAt();
        })).isPresent();
    }

    @Override
    public boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record) {
        Objects.requireNonNull(record, "record");
        lock.lock();
        try {
            Optional<WorkflowInstance> failed = transition(claim, record, current -> copy(current, b -> {
                b.status = InstanceStatus.UNRECOVERABLE;
                b.attempts = current.attempts() + 1;
                b.lastError = error;
                b.lease(null, null);
                b.updatedAt = record.finishedAt();
            }));
            failed.filter(WorkflowInstance::isBranch).ifPresent(branch -> settle(branch, record.finishedAt(),
                    ErrorInfo.of("BranchFailed", "branch " + branch.instanceId() + " became unrecoverable at step "
                            + branch.step() + ": " + error)));
            return failed.isPresent();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Claim> fork(Claim claim, String join, List<NewBranch> branches, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        Objects.requireNonNull(join, "join");
        Objects.requireNonNull(diagramHash, "diagramHash");
        Objects.requireNonNull(record, "record");
        if (branches.size() < 2) {
            throw new IllegalArgumentException("a fork needs at least two branches, was given " + branches.size());
        }
        lock.lock();
        try {
            for (NewBranch branch : branches) {
                if (instances.containsKey(branch.instanceId())) {
                    throw new IllegalStateException("branch " + branch.instanceId() + " already exists");
                }
            }
            Instant at = record.finishedAt();
            Optional<WorkflowInstance> parent = transition(claim, record, current -> copy(current, b -> {
                b.step = join;
                b.diagramHash = diagramHash;
                b.traceContext = traceContext;
                b.attempts = 0;
                b.lastError = null;
                b.runAfter = at;
                b.pendingBranches = branches.size();
                b.lease(null, null);
                b.updatedAt = at;
            }));
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            List<String> ids = branchIds.computeIfAbsent(claim.instanceId(), id -> new ArrayList<>());
            WorkflowInstance first = null;
            for (NewBranch branch : branches) {
                boolean leased = first == null && keepLeaseUntil != null;
                WorkflowInstance row = new WorkflowInstance(branch.instanceId(), parent.get().workflowType(),
                        branch.step(), branch.payload(), InstanceStatus.WAITING, 0, at,
                        leased ? claim.workerId() : null, leased ? keepLeaseUntil : null, traceContext, diagramHash, 0,
                        at, at, null, claim.instanceId(), 0);
                write(null, row);
                ids.add(row.instanceId());
                if (first == null) {
                    first = row;
                }
            }
            return Optional.of(new Claim(first, claim.workerId(),
                    keepLeaseUntil != null ? keepLeaseUntil : claim.leaseUntil()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalInt finishBranch(Claim claim, String result, String traceContext, StepRecord record) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(record, "record");
        lock.lock();
        try {
            WorkflowInstance held = instances.get(claim.instanceId());
            if (held == null || !held.isBranch()) {
                throw new IllegalArgumentException(claim.instanceId() + " is not a branch");
            }
            Optional<WorkflowInstance> finished = transition(claim, record, current -> copy(current, b -> {
                b.status = InstanceStatus.COMPLETED;
                b.payload = result;
                b.traceContext = traceContext;
                b.lease(null, null);
                b.updatedAt = record.finishedAt();
            }));
            if (finished.isEmpty()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(settle(finished.get(), record.finishedAt(), null));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Settles {@code branch} at its parent's join: one fewer pending; the last one makes the
     * parent due, or unrecoverable if a branch failed. {@code failure} (a failed branch) becomes
     * the parent's last error unless it has one. Called with the lock held.
     *
     * @return how many branches are still to settle
     */
    private int settle(WorkflowInstance branch, Instant at, ErrorInfo failure) {
        WorkflowInstance parent = instances.get(branch.parentId());
        int remaining = parent.pendingBranches() - 1;
        boolean anyFailed = failure != null || branches(parent.instanceId()).stream()
                .anyMatch(b -> b.status() == InstanceStatus.UNRECOVERABLE);
        write(parent, copy(parent, b -> {
            b.pendingBranches = remaining;
            if (failure != null && parent.lastError() == null) {
                b.lastError = failure;
            }
            if (remaining == 0) {
                if (anyFailed) {
                    b.status = InstanceStatus.UNRECOVERABLE;
                } else {
                    b.runAfter = at;
                }
            }
            b.updatedAt = at;
        }));
        return remaining;
    }

    @Override
    public Optional<Claim> checkJoin(Claim claim, Instant now, Instant recheckAt) {
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            WorkflowInstance current = held(claim);
            if (current == null) {
                return Optional.empty();
            }
            List<WorkflowInstance> forked = branches(current.instanceId());
            int unsettled = (int) forked.stream().filter(b -> b.status() == InstanceStatus.WAITING).count();
            WorkflowInstance failed = forked.stream().filter(b -> b.status() == InstanceStatus.UNRECOVERABLE)
                    .findFirst().orElse(null);
            if (unsettled > 0 || failed != null) {
                // this store counts settlements down: the parent is due again only once they are all in
                write(current, copy(current, b -> {
                    b.pendingBranches = unsettled;
                    if (unsettled == 0) {
                        b.status = InstanceStatus.UNRECOVERABLE;
                        if (current.lastError() == null) {
                            b.lastError = ErrorInfo.of("BranchFailed", "branch " + failed.instanceId()
                                    + " became unrecoverable at step " + failed.step() + ": " + failed.lastError());
                        }
                    }
                    b.lease(null, null);
                    b.updatedAt = now;
                }));
                return Optional.empty();
            }
            WorkflowInstance ready = copy(current, b -> {
                b.pendingBranches = 0;
                b.updatedAt = now;
            });
            write(current, ready);
            return Optional.of(new Claim(ready, claim.workerId(), claim.leaseUntil()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkflowInstance> branches(String instanceId) {
        lock.lock();
        try {
            return branchIds.getOrDefault(instanceId, List.of()).stream().map(instances::get).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean release(Claim claim) {
        return transition(claim, null, current -> copy(current, b -> b.lease(null, null))).isPresent();
    }

    @Override
    public int recoverTasks(Query query, int limit, Instant now) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            List<WorkflowInstance> matches = instances.values().stream()
                    .filter(i -> i.status() == InstanceStatus.UNRECOVERABLE && query.matches(i.workflowType(), i.step()))
                    .sorted(LISTING_ORDER)
                    .limit(Math.max(0, limit))
                    .toList();
            int recovered = 0;
            for (WorkflowInstance match : matches) {
                // one recovered before it (a branch with its parent) may have put it back already
                recovered += recoverOne(instances.get(match.instanceId()), now);
            }
            return recovered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean recover(String instanceId, Instant now) {
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            WorkflowInstance current = instances.get(instanceId);
            return current != null && recoverOne(current, now) > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code current} back to work if it is unrecoverable: a failed branch with its parent
     * waiting for it again (not if its workflow was cancelled), a workflow failed by its branches
     * through those branches, anything else at its step. Called with the lock held.
     *
     * @return how many rows were put back
     */
    private int recoverOne(WorkflowInstance current, Instant now) {
        if (current.status() != InstanceStatus.UNRECOVERABLE) {
            return 0;
        }
        if (current.isBranch()) {
            if (instances.get(current.parentId()).status() == InstanceStatus.CANCELLED) {
                return 0;
            }
            recoverBranch(current, now);
            return 1;
        }
        List<WorkflowInstance> failedBranches = branches(current.instanceId()).stream()
                .filter(b -> b.status() == InstanceStatus.UNRECOVERABLE).toList();
        failedBranches.forEach(branch -> recoverBranch(branch, now));
        if (!failedBranches.isEmpty()) {
            return failedBranches.size();
        }
        write(current, copy(current, b -> {
            b.status = InstanceStatus.WAITING;
            b.attempts = 0;
            b.runAfter = now;
            b.lease(null, null);
            b.updatedAt = now;
        }));
        return 1;
    }

    /** Puts a failed branch back to work; its parent waits for it again. Called with the lock held. */
    private void recoverBranch(WorkflowInstance branch, Instant now) {
        write(branch, copy(branch, b -> {
            b.status = InstanceStatus.WAITING;
            b.attempts = 0;
            b.runAfter = now;
            b.lease(null, null);
            b.updatedAt = now;
        }));
        WorkflowInstance parent = instances.get(branch.parentId());
        write(parent, copy(parent, b -> {
            b.status = InstanceStatus.WAITING;
            b.pendingBranches = parent.pendingBranches() + 1;
            b.updatedAt = now;
        }));
    }

    @Override
    public boolean cancel(String instanceId, Instant now) {
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            WorkflowInstance current = instances.get(instanceId);
            if (current == null || current.status() != InstanceStatus.WAITING || current.isBranch()) {
                return false;
            }
            for (WorkflowInstance branch : branches(instanceId)) {
                if (branch.status() == InstanceStatus.WAITING) {
                    write(branch, copy(branch, b -> {
                        b.status = InstanceStatus.CANCELLED;
                        b.lease(null, null);
                        b.updatedAt = now;
                    }));
                }
            }
            write(current, copy(current, b -> {
                b.status = InstanceStatus.CANCELLED;
                b.lease(null, null);
                b.updatedAt = now;
            }));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        lock.lock();
        try {
            return Optional.ofNullable(instances.get(instanceId));
        } finally {
            lock.unlock();
        }
    }

    private static final Comparator<WorkflowInstance> LISTING_ORDER =
            Comparator.comparing(WorkflowInstance::createdAt).thenComparing(WorkflowInstance::instanceId);

    @Override
    public List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit) {
        Objects.requireNonNull(query, "query");
        lock.lock();
        try {
            return instances.values().stream()
                    .filter(i -> !i.isBranch() && (status == null || i.status() == status)
                            && query.matches(i.workflowType(), i.step()))
                    .sorted(LISTING_ORDER)
                    .skip(Math.max(0, offset))
                    .limit(Math.max(0, limit))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkflowInstance> page(Query query, InstanceStatus status, boolean newestFirst, int offset,
            int limit) {
        Objects.requireNonNull(query, "query");
        Comparator<WorkflowInstance> order = Comparator.comparing(InMemoryStateStore::claimableAt)
                .thenComparing(WorkflowInstance::instanceId);
        lock.lock();
        try {
            return instances.values().stream()
                    .filter(i -> (status == null || i.status() == status) && query.matches(i.workflowType(), i.step()))
                    .sorted(newestFirst ? order.reversed() : order)
                    .skip(Math.max(0, offset))
                    .limit(Math.max(0, limit))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** When an instance is due (its lease's end while leased), or, finished, when it finished. */
    private static Instant claimableAt(WorkflowInstance instance) {
        if (instance.status() != InstanceStatus.WAITING) {
            return instance.updatedAt();
        }
        return instance.leaseUntil() != null ? instance.leaseUntil() : instance.runAfter();
    }

    @Override
    public long count(Query query, InstanceStatus status) {
        Objects.requireNonNull(query, "query");
        lock.lock();
        try {
            return instances.values().stream()
                    .filter(i -> !i.isBranch() && (status == null || i.status() == status)
                            && query.matches(i.workflowType(), i.step()))
                    .count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StateCounts> stateCounts(String workflowType, Instant now, Instant completedSince) {
        lock.lock();
        try {
            return StateCounts.tally(instances.values().stream()
                    .filter(instance -> instance.workflowType().equals(workflowType)).toList(), now, completedSince);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StepRecord> history(String instanceId) {
        lock.lock();
        try {
            WorkflowInstance instance = instances.get(instanceId);
            if (instance == null) {
                return List.of();
            }
            List<StepRecord> history = histories.get(rootOf(instance));
            return instance.isBranch()
                    ? history.stream().filter(r -> r.instanceId().equals(instanceId)).toList()
                    : List.copyOf(history);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeFinished(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        lock.lock();
        try {
            int purged = 0;
            List<String> doomed = new ArrayList<>();
            Iterator<WorkflowInstance> it = instances.values().iterator();
            while (it.hasNext() && doomed.size() < limit) {
                WorkflowInstance instance = it.next();
                boolean finished = instance.status() == InstanceStatus.COMPLETED
                        || instance.status() == InstanceStatus.CANCELLED;
                if (finished && !instance.isBranch() && instance.updatedAt().isBefore(before)) {
                    doomed.add(instance.instanceId());
                }
            }
            for (String id : doomed) {
                instances.remove(id);
                histories.remove(id);
                events.remove(id);
                List<String> branches = branchIds.remove(id);
                if (branches != null) {
                    branches.forEach(instances::remove);
                }
                purged++;
            }
            return purged;
        } finally {
            lock.unlock();
        }
    }

    /** The instance {@code claim} is for while the claim holds it (same version, still waiting), else {@code null}. */
    private WorkflowInstance held(Claim claim) {
        WorkflowInstance current = instances.get(claim.instanceId());
        return current != null && current.version() == claim.version() && current.status() == InstanceStatus.WAITING
                ? current : null;
    }

    /** Applies {@code change} if the claim still holds, recording {@code record} when given. */
    private Optional<WorkflowInstance> transition(Claim claim, StepRecord record, UnaryOperator<WorkflowInstance> change) {
        Objects.requireNonNull(claim, "claim");
        lock.lock();
        try {
            WorkflowInstance current = held(claim);
            if (current == null) {
                return Optional.empty();
            }
            WorkflowInstance next = change.apply(current);
            write(current, next);
            if (record != null) {
                histories.get(rootOf(current)).add(record);
            }
            return Optional.of(next);
        } finally {
            lock.unlock();
        }
    }

    /** The workflow instance whose history holds {@code instance}'s records. */
    private String rootOf(WorkflowInstance instance) {
        WorkflowInstance root = instance;
        while (root.isBranch()) {
            root = instances.get(root.parentId());
        }
        return root.instanceId();
    }

    /** Replaces {@code old} (or nothing) by {@code next}, keeping the index and counters in step. */
    private void write(WorkflowInstance old, WorkflowInstance next) {
        if (old != null) {
            due.remove(old);
            count(old, -1);
        }
        instances.put(next.instanceId(), next);
        due.add(next);
        count(next, +1);
        updates++;
    }

    private void count(WorkflowInstance instance, int delta) {
        switch (instance.status()) {
            case WAITING -> waiting += delta;
            case UNRECOVERABLE -> unrecoverable += delta;
            default -> {
            }
        }
    }

    private static WorkflowInstance copy(WorkflowInstance from, java.util.function.Consumer<Row> change) {
        Row row = new Row(from);
        change.accept(row);
        return row.build(from.version() + 1);
    }

    /** A mutable copy of one instance, so each write states only what it changes. */
    private static final class Row {
        final String instanceId;
        final String workflowType;
        String step;
        String payload;
        InstanceStatus status;
        int attempts;
        Instant runAfter;
        String leaseOwner;
        Instant leaseUntil;
        String traceContext;
        String diagramHash;
        final Instant createdAt;
        Instant updatedAt;
        ErrorInfo lastError;
        final String parentId;
        int pendingBranches;

        Row(WorkflowInstance i) {
            instanceId = i.instanceId();
            workflowType = i.workflowType();
            step = i.step();
            payload = i.payload();
            status = i.status();
            attempts = i.attempts();
            runAfter = i.runAfter();
            leaseOwner = i.leaseOwner();
            leaseUntil = i.leaseUntil();
            traceContext = i.traceContext();
            diagramHash = i.diagramHash();
            createdAt = i.createdAt();
            updatedAt = i.updatedAt();
            lastError = i.lastError();
            parentId = i.parentId();
            pendingBranches = i.pendingBranches();
        }

        Row lease(String owner, Instant until) {
            leaseOwner = owner;
            leaseUntil = until;
            return this;
        }

        /** At {@code nextStep} with {@code nextPayload}, afresh: attempts 0, no error, due at {@code due}. */
        void moveTo(String nextStep, String nextPayload, String nextDiagramHash, String nextTraceContext, Instant due,
                Instant at) {
            step = nextStep;
            payload = nextPayload;
            diagramHash = nextDiagramHash;
            traceContext = nextTraceContext;
            attempts = 0;
            runAfter = due;
            lastError = null;
            updatedAt = at;
        }

        Row updatedAt(Instant at) {
            updatedAt = at;
            return this;
        }

        WorkflowInstance build(long version) {
            return new WorkflowInstance(instanceId, workflowType, step, payload, status, attempts, runAfter,
                    leaseOwner, leaseUntil, traceContext, diagramHash, version, createdAt, updatedAt, lastError,
                    parentId, pendingBranches);
        }
    }
}
