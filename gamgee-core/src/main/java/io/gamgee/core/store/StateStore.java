package io.gamgee.core.store;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Durable storage of workflow instances, shared by many workers in one or many JVMs.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Versions.</b> Every write to an instance (claim, renewal, transition, release, recover,
 *       cancel) increments its {@code version} by exactly one. A {@link Claim} carries the version
 *       written by the claim; every method taking a claim applies its change only if the stored
 *       version still equals {@link Claim#version()} (compare-and-set) and otherwise changes
 *       nothing and reports failure ({@code false} or empty). A lost claim is normal (the lease
 *       expired and another worker took over) and never an exception.</li>
 *   <li><b>Due.</b> An instance is <em>due</em> at {@code now} when its status is
 *       {@link InstanceStatus#WAITING}, {@code runAfter <= now}, and it has no lease or its
 *       {@code leaseUntil <= now}.</li>
 *   <li><b>Atomicity.</b> Each transition (advance, complete, retry, unrecoverable) and its
 *       {@link StepRecord} are written in one transaction: the history shows a transition if and
 *       only if it happened.</li>
 *   <li><b>Time.</b> Callers pass {@code now}; stores do not read a clock of their own, so tests run
 *       on a {@code TestClock} and all nodes agree within their clock skew.</li>
 *   <li><b>Errors.</b> Infrastructure failures are {@link StoreException}s; a connection failure is
 *       a {@link StoreUnavailableException} ({@link StoreException#isRetryable() retryable}).</li>
 *   <li><b>Threads.</b> Implementations are thread-safe.</li>
 *   <li><b>Forks.</b> {@link #fork} turns one instance into branches: one row per branch, each
 *       claimed, retried, leased and recorded like an instance (its {@link WorkflowInstance#parentId()}
 *       names the instance that forked it), while the parent waits at the fork's join with
 *       {@link WorkflowInstance#pendingBranches()} above 0 and is not due. Every branch settles
 *       exactly once, in the transaction of its last transition: {@link #finishBranch} when its
 *       last step finished, {@link #markUnrecoverable} when it failed. Once the last branch has
 *       settled the parent becomes due at once at its join if every branch finished, or
 *       {@link InstanceStatus#UNRECOVERABLE} if one did not; concurrent settlements of sibling
 *       branches on several nodes never leave it waiting. A store may count settlements down on the
 *       parent's row, or (to spare sibling branches each other's row lock) release the parent after
 *       a settlement's commit finds no sibling unsettled; such a store must also make the parent due
 *       for a re-check now and then, so that a worker dying between the two loses nothing: a parent
 *       claimed at its join with {@code pendingBranches > 0} goes to {@link #checkJoin}. A parent
 *       that is due at its join is claimed like any instance and its merge advances it, guarded by
 *       its version like every transition, so the merge's result is written once.
 *       {@link #list} and {@link #count} see workflow instances, not branches; {@link #find},
 *       {@link #branches} and {@link #history} show the branches.</li>
 *   <li><b>Waits.</b> {@link #await} parks an instance at a wait: {@link InstanceStatus#WAITING},
 *       unleased, due only when its timer is ({@code runAfter}; {@link #NEVER} without a timer), so
 *       a waiting instance costs one row and never slows claims. An event either moves a waiting
 *       instance on ({@link #deliver}) or is kept until the instance reaches a wait for it
 *       ({@link #await} consumes it); the timer fires through an ordinary claim. Event and timer
 *       race through the instance's version: whichever transition is written first wins, the
 *       other changes nothing. An event's id is unique per instance: a second delivery with the
 *       same id changes nothing. {@link #deliverClaimed} also leases the instance at the step the
 *       event leads to, for the sender's idle worker.</li>
 * </ul>
 */
public interface StateStore extends AutoCloseable {

    /** The {@code runAfter} of an instance that is due only when something from outside moves it on. */
    Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Stores a new instance: {@link InstanceStatus#WAITING} at {@code instance.step()}, attempts 0,
     * version 0, no lease, no error.
     *
     * @return {@code true} if stored, {@code false} if an instance with that id already exists (in
     *     which case nothing is changed: submission is idempotent by id)
     */
    boolean insert(NewInstance instance);

    /**
     * Stores a new instance already claimed by {@code workerId} until {@code leaseUntil}, so that a
     * worker in the submitting JVM runs its first step without a claim of its own. The instance is as
     * {@link #insert} stores it but leased, at version 0, which the returned claim carries.
     *
     * <p>The default inserts the instance unclaimed and returns empty, which callers treat as "let a
     * worker claim it as usual"; stores that can write the lease with the row should.
     *
     * @return the claim, or empty if an instance with that id already exists (nothing is changed)
     *     or the store does not lease on insert
     */
    default Optional<Claim> insertClaimed(NewInstance instance, String workerId, Instant leaseUntil) {
        insert(instance);
        return Optional.empty();
    }

    /**
     * Claims one due instance matching {@code query}, chosen by {@code strategy}: sets
     * {@code leaseOwner = workerId}, {@code leaseUntil}, and increments the version. Concurrent
     * callers never both receive the same instance for the same version. The cost of a claim must
     * not grow with the number of waiting instances (no sort or scan of the backlog);
     * {@link FetchStrategy#NEWEST} and {@link FetchStrategy#OLDEST} order by {@code runAfter} (ties
     * by id), {@link FetchStrategy#RANDOM} may return any due instance.
     *
     * @return the claim, or empty when nothing is due (or every candidate was taken by others)
     */
    Optional<Claim> claim(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil);

    /**
     * Claims up to {@code max} due instances at once, each as {@link #claim} would, so that a worker
     * pool pays one round trip and one commit for several claims. Every returned claim is on a
     * different instance; concurrent callers never both receive the same instance for the same
     * version. The list is in the strategy's order ({@link FetchStrategy#OLDEST} first the oldest);
     * it is shorter than {@code max} (or empty) when fewer are due or the others were taken.
     *
     * <p>The default calls {@link #claim} until it comes back empty or {@code max} are held; a store
     * that can lease several rows in one statement should.
     *
     * @param max at most this many claims, at least 1
     * @return the claims, in the strategy's order
     */
    default List<Claim> claimBatch(Query query, FetchStrategy strategy, String workerId, Instant now,
            Instant leaseUntil, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<Claim> claims = new ArrayList<>(Math.min(max, 64));
        while (claims.size() < max) {
            Optional<Claim> claim = claim(query, strategy, workerId, now, leaseUntil);
            if (claim.isEmpty()) {
                break;
            }
            claims.add(claim.get());
        }
        return claims;
    }

    /**
     * Extends a held lease for a long step.
     *
     * @return the renewed claim (its version is the new guard), or empty if the claim was lost
     */
    Optional<Claim> renewLease(Claim claim, Instant leaseUntil);

    /**
     * Moves the instance to {@code nextStep} with {@code payload}: attempts 0, runAfter =
     * {@code record.finishedAt()}, last error cleared, {@code diagramHash} and {@code traceContext}
     * replaced (the trace context becomes the finished step's span, so the next step's span is its
     * child), and records
     * {@code record}. If {@code keepLeaseUntil} is not {@code null} the caller keeps the lease until
     * then and may run the next step at once with the returned claim; otherwise the lease is
     * cleared and the returned claim is only a receipt.
     *
     * @return the claim on the advanced instance, or empty if the claim was lost (nothing written)
     */
    Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil);

    /**
     * Moves the instance to {@code nextStep} as {@link #advance} does, but due only at
     * {@code runAfter} (a delayed step, {@code a --> b: after 10m}), with the lease cleared.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a store written before delays
     * cannot run diagrams that have them.
     *
     * @return {@code false} if the claim was lost (nothing written)
     */
    default boolean advanceLater(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant runAfter) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support delays");
    }

    /**
     * Parks the claimed instance at {@code wait}, in one transaction, unless an event it accepts
     * was kept for it. {@code record} is recorded either way.
     * <ul>
     *   <li>If an undelivered event for the instance whose name is a key of {@code accepts} is
     *       stored (sent before the instance got here), the oldest such is consumed: the instance
     *       moves to its target (or {@link InstanceStatus#COMPLETED} for
     *       {@link io.gamgee.core.definition.WorkflowDefinition#END}) with the event's payload,
     *       attempts 0, due at {@code record.finishedAt()}, the event's trace context if it has one
     *       (else {@code traceContext}), and a second record is written for the wait: step
     *       {@code wait}, outcome {@code ADVANCED} (or {@code COMPLETED}), next step the target,
     *       worker {@code event:<event id>}.</li>
     *   <li>Otherwise the instance waits: step {@code wait}, payload {@code kept}, attempts 0, lease
     *       cleared, last error cleared, due at {@code timerAt} ({@link #NEVER} when
     *       {@code null}).</li>
     * </ul>
     * The version is incremented once; {@code diagramHash} replaced.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param accepts the events this wait accepts, each with the step it leads to
     * @return a receipt: the instance as stored (at the wait, or already past it), or empty if the
     *     claim was lost (nothing written)
     */
    default Optional<WorkflowInstance> await(Claim claim, String wait, String kept, Map<String, String> accepts,
            Instant timerAt, String diagramHash, String traceContext, StepRecord record) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support waits");
    }

    /**
     * Stores an event for an instance and, if it waits for it, moves it on, in one transaction
     * that locks the instance's row first:
     * <ul>
     *   <li>{@link SendResult#UNKNOWN_INSTANCE} if there is no such instance,
     *       {@link SendResult#WRONG_WORKFLOW} if it is of another type,
     *       {@link SendResult#DUPLICATE} if an event with this id was stored for it before (nothing
     *       changes), {@link SendResult#FINISHED} if it is not {@link InstanceStatus#WAITING}
     *       (nothing is kept);</li>
     *   <li>{@link SendResult#DELIVERED} if its step is a key of {@code event.targets()}: it moves
     *       to the target as {@link #await} describes for a kept event (even while a worker holds
     *       a lease on it to fire its timer: that worker's transition then finds the version moved
     *       and is discarded), the event is stored as consumed and the wait's record written;</li>
     *   <li>{@link SendResult#QUEUED} otherwise: the event is stored, undelivered, for
     *       {@link #await} to consume.</li>
     * </ul>
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     */
    default SendResult deliver(EventDelivery event) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support events");
    }

    /**
     * {@link #deliver}, and when the event moves the instance on to a step
     * ({@link SendResult#DELIVERED}, not to the end), leases it to {@code workerId} until
     * {@code leaseUntil} in the same transaction, as {@link #claim} would have: the sender's JVM
     * then hands the step to an idle worker of its own, which runs it without a claim.
     *
     * <p>The default calls {@link #deliver} and takes no lease, which callers treat as "let a
     * worker claim it".
     */
    default Delivery deliverClaimed(EventDelivery event, String workerId, Instant leaseUntil) {
        return Delivery.withoutClaim(deliver(event));
    }

    /**
     * Marks the instance {@link InstanceStatus#COMPLETED}, clears the lease and records {@code record}.
     *
     * @return {@code false} if the claim was lost (nothing written)
     */
    boolean complete(Claim claim, StepRecord record);

    /**
     * Schedules the current step again: attempts + 1, {@code runAfter}, last error = {@code error},
     * lease cleared, and records {@code record}.
     *
     * @return {@code false} if the claim was lost (nothing written)
     */
    boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record);

    /**
     * Marks the instance {@link InstanceStatus#UNRECOVERABLE}: attempts + 1, last error =
     * {@code error}, lease cleared, and records {@code record}.
     *
     * <p>For a branch, the branch settles at its join: in the same transaction, if the parent has
     * no last error yet, the parent's last error becomes {@code BranchFailed} naming the branch's
     * id, its step and {@code error}; once every branch has settled the parent becomes
     * {@link InstanceStatus#UNRECOVERABLE} at its join.
     * Sibling branches that are still running go on until they settle.
     *
     * @return {@code false} if the claim was lost (nothing written)
     */
    boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record);

    /**
     * Starts the branches of a fork, in one transaction: the claimed instance moves to
     * {@code join} (payload unchanged, attempts 0, last error cleared, {@code diagramHash} and
     * {@code traceContext} replaced, lease cleared) with {@link WorkflowInstance#pendingBranches()}
     * = {@code branches.size()}, so it is not due until they settle; one row per branch is
     * inserted, {@link InstanceStatus#WAITING} at its first step, attempts 0, version 0, due at
     * {@code record.finishedAt()}, with the parent's workflow type, {@code diagramHash},
     * {@code traceContext} (the forking step's span, so each branch's first step is its child),
     * created at {@code record.finishedAt()} and {@link WorkflowInstance#parentId()} = the parent's
     * id; and {@code record} is recorded for the parent.
     *
     * <p>If {@code keepLeaseUntil} is not {@code null}, the first branch is inserted leased to the
     * caller until then, and the returned claim on it lets the caller run it at once; otherwise the
     * returned claim (on the first branch) is only a receipt.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a store written before forks
     * cannot run diagrams that have them.
     *
     * @param branches at least two, with distinct ids (see {@link NewBranch#idOf})
     * @return the claim on the first branch, or empty if the claim was lost (nothing written)
     */
    default Optional<Claim> fork(Claim claim, String join, List<NewBranch> branches, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support forks");
    }

    /**
     * Finishes a branch whose last step returned {@code result}: the branch becomes
     * {@link InstanceStatus#COMPLETED} with {@code result} as its payload and {@code traceContext}
     * (its last step's span, linked from the merge), the lease cleared, and {@code record}
     * recorded, in one transaction; if it was the last branch to settle, the parent becomes due at
     * {@code record.finishedAt()} (or {@link InstanceStatus#UNRECOVERABLE}, if a sibling branch
     * became unrecoverable), its version incremented (see "Forks" above).
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @return how many of the parent's branches are still to settle (0: none is, the parent is
     *     due; two siblings settling at once may both see 0), or empty if the claim was lost
     *     (nothing written)
     */
    default OptionalInt finishBranch(Claim claim, String result, String traceContext, StepRecord record) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support forks");
    }

    /**
     * Re-checks a parent claimed at its join while {@link WorkflowInstance#pendingBranches()} is
     * above 0 (a store's periodic re-check, see "Forks" above), in one transaction guarded by the
     * claim: if a branch has not settled, the parent waits again (lease cleared, not due before
     * {@code recheckAt}) and the result is empty; if every branch settled and one failed, the
     * parent becomes {@link InstanceStatus#UNRECOVERABLE} (its last error naming a failed branch)
     * and the result is empty; if every branch finished, the parent's pending count becomes 0 and
     * the result is the claim on it, still leased, for the caller to merge at once.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a store that counts
     * settlements down never makes such a parent due.
     *
     * @return the claim to merge with, or empty (nothing to merge yet, or the claim was lost)
     */
    default Optional<Claim> checkJoin(Claim claim, Instant now, Instant recheckAt) {
        throw new UnsupportedOperationException(getClass().getName() + " does not re-check joins");
    }

    /**
     * The branches {@code instanceId} forked, oldest fork first and, within one fork, in its branch
     * order (the order {@link #fork} was given them). Empty for an unknown id or an instance that
     * never forked. The default returns an empty list.
     */
    default List<WorkflowInstance> branches(String instanceId) {
        return List.of();
    }

    /**
     * Gives the lease back without running anything (a worker shutting down): lease cleared, the
     * instance due again at once. Nothing is recorded in the history.
     *
     * @return {@code false} if the claim was lost
     */
    boolean release(Claim claim);

    /**
     * Puts up to {@code limit} {@link InstanceStatus#UNRECOVERABLE} instances matching
     * {@code query} back to {@link InstanceStatus#WAITING} at their step: attempts 0,
     * {@code runAfter = now}, lease cleared (the last error is kept until the next transition).
     *
     * <p>With forks: an unrecoverable branch that matches is recovered so, and its parent takes it
     * back (pending count + 1; a parent that was unrecoverable at its join waits there again, not
     * due). A parent unrecoverable at a join because of failed branches is recovered by recovering
     * those branches (whether or not they match the query); one that failed in its merge (no
     * failed branch) is recovered like any instance, and its merge runs again. The count is of
     * rows put back to work.
     *
     * @return how many were recovered
     */
    int recoverTasks(Query query, int limit, Instant now);

    /**
     * Puts the {@link InstanceStatus#UNRECOVERABLE} instance {@code instanceId} back to work, as
     * {@link #recoverTasks} would put it back (a failed branch with its parent waiting for it
     * again; a workflow failed by its branches through those branches).
     *
     * <p>The default throws {@link UnsupportedOperationException}; stores should implement it.
     *
     * @return {@code false} if there is no such instance or it is not unrecoverable
     */
    default boolean recover(String instanceId, Instant now) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot recover one instance by id");
    }

    /**
     * Cancels a {@link InstanceStatus#WAITING} instance, even one whose step is running (that step's
     * transition will then find the version moved and be discarded). An instance waiting at a join
     * is cancelled with every branch it forked that has not settled, in one transaction.
     *
     * @return {@code false} if there is no such instance, it is not waiting, or it is a branch
     *     (cancel the workflow instance instead)
     */
    boolean cancel(String instanceId, Instant now);

    /** The instance with this id. */
    Optional<WorkflowInstance> find(String instanceId);

    /**
     * Lists workflow instances (not branches) matching {@code query} and, if not {@code null},
     * {@code status}, ordered by {@code createdAt} then id.
     *
     * @param offset how many matches to skip
     * @param limit at most this many results
     */
    List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit);

    /**
     * A page of the instances matching {@code query} and {@code status}, branches included (a
     * state's instances, as a dashboard shows them), ordered by when they are due — or, once
     * finished, when they finished — oldest or newest first, ties by id. Stores should answer from
     * their claim index, reading no more than {@code offset + limit} entries, when {@code status}
     * is given. Without a status, the instances of every status, in that order. The default
     * answers every call from {@link #list}'s matches (workflow instances, by creation).
     */
    default List<WorkflowInstance> page(Query query, InstanceStatus status, boolean newestFirst, int offset,
            int limit) {
        if (!newestFirst) {
            return list(query, status, offset, limit);
        }
        long end = count(query, status) - offset;
        if (end <= 0) {
            return List.of();
        }
        long start = Math.max(0, end - limit);
        List<WorkflowInstance> slice = new ArrayList<>(list(query, status, (int) start, (int) (end - start)));
        java.util.Collections.reverse(slice);
        return slice;
    }

    /** Counts workflow instances (not branches) matching {@code query} and, if not {@code null}, {@code status}. */
    long count(Query query, InstanceStatus status);

    /**
     * Counts the instances of {@code workflowType} at each state where any stand: waiting, running,
     * retrying and unrecoverable ones, and those that completed there since {@code completedSince}.
     * Branches count at their own states. States with no instance are left out; the order is
     * unspecified.
     *
     * <p>Stores should answer from their claim index without reading finished rows (the overview
     * of a dashboard asks every few seconds); the default pages through {@link #list}, which reads
     * every instance of the type and leaves branches out, so override it.
     */
    default List<StateCounts> stateCounts(String workflowType, Instant now, Instant completedSince) {
        Query query = Query.workflowType(workflowType);
        List<WorkflowInstance> instances = new ArrayList<>();
        int page = 1_000;
        for (int offset = 0; ; offset += page) {
            List<WorkflowInstance> read = list(query, null, offset, page);
            instances.addAll(read);
            if (read.size() < page) {
                return StateCounts.tally(instances, now, completedSince);
            }
        }
    }

    /**
     * The instance's executed steps, oldest first, with those of every branch it forked (in the
     * order they were written). Empty for an unknown id.
     */
    List<StepRecord> history(String instanceId);

    /**
     * Deletes up to {@code limit} instances that are {@link InstanceStatus#COMPLETED} or
     * {@link InstanceStatus#CANCELLED} and were last updated before {@code before}, with their
     * history, their branches and the branches' history (a branch is never purged on its own), and
     * the events stored for them.
     * Call repeatedly until it returns less than {@code limit}.
     *
     * @return how many instances were deleted
     */
    int purgeFinished(Instant before, int limit);

    /**
     * Checks that the store can be used as configured: its database answers and holds the store's
     * tables. Worker pools call it when they start, so a configuration mistake fails at once
     * instead of being retried as an outage. The default does nothing.
     *
     * @throws StoreException not {@link StoreException#isRetryable() retryable} for a configuration
     *     problem (no driver for the URL, wrong credentials, missing tables), with the cause and
     *     what to do as its message; retryable when the database is only unreachable
     */
    default void verify() {
    }

    /** Releases the store's resources (connection pools). The default does nothing. */
    @Override
    default void close() {
    }
}
