package io.gamgee.core.store;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * </ul>
 */
public interface StateStore extends AutoCloseable {

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
     * @return {@code false} if the claim was lost (nothing written)
     */
    boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record);

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
     * @return how many were recovered
     */
    int recoverTasks(Query query, int limit, Instant now);

    /**
     * Cancels a {@link InstanceStatus#WAITING} instance, even one whose step is running (that step's
     * transition will then find the version moved and be discarded).
     *
     * @return {@code false} if there is no such instance or it is not waiting
     */
    boolean cancel(String instanceId, Instant now);

    /** The instance with this id. */
    Optional<WorkflowInstance> find(String instanceId);

    /**
     * Lists instances matching {@code query} and, if not {@code null}, {@code status}, ordered by
     * {@code createdAt} then id.
     *
     * @param offset how many matches to skip
     * @param limit at most this many results
     */
    List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit);

    /** Counts instances matching {@code query} and, if not {@code null}, {@code status}. */
    long count(Query query, InstanceStatus status);

    /** The instance's executed steps, oldest first. Empty for an unknown id. */
    List<StepRecord> history(String instanceId);

    /**
     * Deletes up to {@code limit} instances that are {@link InstanceStatus#COMPLETED} or
     * {@link InstanceStatus#CANCELLED} and were last updated before {@code before}, with their
     * history. Call repeatedly until it returns less than {@code limit}.
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
