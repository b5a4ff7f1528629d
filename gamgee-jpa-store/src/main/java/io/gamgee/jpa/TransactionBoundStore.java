package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link JpaStateStore} seen from inside a transaction the caller owns: inserts and deliveries of
 * events go through the caller's connection and commit (or roll back) with the caller's own writes;
 * everything else is the store's, on its own connections. Never leases on insert: no worker could
 * see the row before the caller commits. A delivery locks the instance's row in the caller's
 * transaction until it ends, as it would in one of the store's.
 */
final class TransactionBoundStore implements StateStore {

    private final JpaStateStore store;
    private final Jdbc jdbc;
    private final CallerConnection connection;

    TransactionBoundStore(JpaStateStore store, Jdbc jdbc, CallerConnection connection) {
        this.store = store;
        this.jdbc = jdbc;
        this.connection = connection;
    }

    @Override
    public boolean insert(NewInstance instance) {
        try {
            return connection.run(c -> Inserts.insert(c, jdbc.vendorOf(c), instance, null, null));
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate("insert in the caller's transaction", instance.instanceId(), e);
        }
    }

    @Override
    public Optional<Claim> insertClaimed(NewInstance instance, String workerId, Instant leaseUntil) {
        insert(instance);
        return Optional.empty();
    }

    @Override
    public Optional<Claim> claim(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil) {
        return store.claim(query, strategy, workerId, now, leaseUntil);
    }

    @Override
    public List<Claim> claimBatch(Query query, FetchStrategy strategy, String workerId, Instant now, Instant leaseUntil,
            int max) {
        return store.claimBatch(query, strategy, workerId, now, leaseUntil, max);
    }

    @Override
    public Optional<Claim> renewLease(Claim claim, Instant leaseUntil) {
        return store.renewLease(claim, leaseUntil);
    }

    @Override
    public Optional<Claim> advance(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        return store.advance(claim, nextStep, payload, diagramHash, traceContext, record, keepLeaseUntil);
    }

    @Override
    public boolean advanceLater(Claim claim, String nextStep, String payload, String diagramHash,
            String traceContext, StepRecord record, Instant runAfter) {
        return store.advanceLater(claim, nextStep, payload, diagramHash, traceContext, record, runAfter);
    }

    @Override
    public Optional<WorkflowInstance> await(Claim claim, String wait, String kept, Map<String, String> accepts,
            Instant timerAt, String diagramHash, String traceContext, StepRecord record) {
        return store.await(claim, wait, kept, accepts, timerAt, diagramHash, traceContext, record);
    }

    @Override
    public SendResult deliver(EventDelivery event) {
        Objects.requireNonNull(event, "event");
        try {
            return connection.run(c -> Waits.deliver(c, jdbc.vendorOf(c), event, true));
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate("deliver in the caller's transaction", event.instanceId(), e);
        }
    }

    @Override
    public boolean complete(Claim claim, StepRecord record) {
        return store.complete(claim, record);
    }

    @Override
    public boolean retryLater(Claim claim, Instant runAfter, ErrorInfo error, StepRecord record) {
        return store.retryLater(claim, runAfter, error, record);
    }

    @Override
    public boolean markUnrecoverable(Claim claim, ErrorInfo error, StepRecord record) {
        return store.markUnrecoverable(claim, error, record);
    }

    @Override
    public Optional<Claim> fork(Claim claim, String join, List<NewBranch> branches, String diagramHash,
            String traceContext, StepRecord record, Instant keepLeaseUntil) {
        return store.fork(claim, join, branches, diagramHash, traceContext, record, keepLeaseUntil);
    }

    @Override
    public OptionalInt finishBranch(Claim claim, String result, String traceContext, StepRecord record) {
        return store.finishBranch(claim, result, traceContext, record);
    }

    @Override
    public List<WorkflowInstance> branches(String instanceId) {
        return store.branches(instanceId);
    }

    @Override
    public boolean release(Claim claim) {
        return store.release(claim);
    }

    @Override
    public boolean recover(String instanceId, Instant now) {
        return store.recover(instanceId, now);
    }

    @Override
    public int recoverTasks(Query query, int limit, Instant now) {
        return store.recoverTasks(query, limit, now);
    }

    @Override
    public boolean cancel(String instanceId, Instant now) {
        return store.cancel(instanceId, now);
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        return store.find(instanceId);
    }

    @Override
    public List<WorkflowInstance> list(Query query, InstanceStatus status, int offset, int limit) {
        return store.list(query, status, offset, limit);
    }

    @Override
    public long count(Query query, InstanceStatus status) {
        return store.count(query, status);
    }

    @Override
    public List<StepRecord> history(String instanceId) {
        return store.history(instanceId);
    }

    @Override
    public int purgeFinished(Instant before, int limit) {
        return store.purgeFinished(before, limit);
    }

    @Override
    public void verify() {
        store.verify();
    }

    @Override
    public String toString() {
        return store + " in the caller's transaction";
    }
}
