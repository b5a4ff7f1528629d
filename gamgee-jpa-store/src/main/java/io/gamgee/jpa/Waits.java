package io.gamgee.jpa;

import static io.gamgee.jpa.Vendor.stored;

import io.gamgee.core.SendResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.Delivery;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits and events: {@code await} parks a claimed instance at a wait, or moves it straight on with
 * an event kept for it; {@code deliver} stores an event and moves on an instance waiting for it.
 *
 * <p>Both lock the instance's row before they touch its events: {@code deliver} with
 * {@code SELECT … FOR UPDATE}, {@code await} with its compare-and-set of the claim. So deliveries
 * to one instance, and a delivery and an {@code await} of it, run one after the other and never
 * deadlock; the check for a duplicate event id and the count of arrivals that follows it see every
 * event committed before. The event table's primary key, {@code (instance_id, event_id)}, is the
 * backstop: an insert that still meets the same id (a caller's transaction reading an older
 * snapshot) becomes {@link SendResult#DUPLICATE} without writing anything. Such a snapshot can
 * also give two events the same {@code arrival}; kept events are consumed by arrival, then by the
 * time they were sent, then by id.
 *
 * <p>Event and timer race through the instance's version: the timer fires through an ordinary
 * claim and transition, each guarded by the version, and a delivery increments it (leased or not),
 * so whichever is written first wins and the other changes nothing.
 */
final class Waits {

    /** The claimed instance waits at a wait, unleased, due at its timer. */
    private static final String PARK = "step = ?, payload = ?, attempts = 0, run_after = ?, claimable_at = ?, "
            + "lease_owner = NULL, lease_until = NULL, diagram_hash = ?, trace_context = ?, updated_at = ?, "
            + "last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL";

    /**
     * The instance moves to where an event leads: a step due at once (free, or leased to the
     * sender's idle worker), or the end.
     */
    private static final String MOVE_ON = "UPDATE gamgee_instance SET status = ?, step = ?, payload = ?, "
            + "attempts = 0, run_after = ?, claimable_at = ?, lease_owner = ?, lease_until = ?, "
            + "trace_context = ?, updated_at = ?, "
            + "last_error_type = NULL, last_error_message = NULL, last_error_stack_trace = NULL";

    private static final String INSERT_EVENT = "INSERT INTO gamgee_event (instance_id, event_id, event_name, "
            + "arrival, payload, trace_context, received_at, consumed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;

    Waits(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks the claimed instance at {@code wait}, or moves it on with the oldest event kept for it
     * that the wait accepts, in one transaction.
     *
     * @return the instance as stored, or empty if the claim was lost
     */
    Optional<WorkflowInstance> await(Claim claim, String wait, String kept, Map<String, String> accepts,
            Instant timerAt, String diagramHash, String traceContext, StepRecord record) {
        Instant at = Transitions.time(claim, record);
        Instant due = timerAt == null ? StateStore.NEVER : timerAt;
        return Optional.ofNullable(jdbc.inTransaction("await", claim.instanceId(), (connection, vendor) -> {
            boolean parked = GuardedWrites.update(connection, vendor, claim, PARK, (s, v, i) -> {
                s.setString(i, wait);
                s.setString(i + 1, kept);
                v.bind(s, i + 2, due);
                v.bind(s, i + 3, due);
                s.setString(i + 4, diagramHash);
                s.setString(i + 5, traceContext);
                v.bind(s, i + 6, at);
                return i + 7;
            });
            if (!parked) {
                return null;
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(), record);
            WorkflowInstance before = claim.instance();
            WorkflowInstance waiting = new WorkflowInstance(before.instanceId(), before.workflowType(), wait, kept,
                    InstanceStatus.WAITING, 0, stored(due), null, null, traceContext, diagramHash,
                    before.version() + 1, before.createdAt(), stored(at), null, before.parentId(),
                    before.pendingBranches());
            KeptEvent early = oldestKept(connection, vendor, claim.instanceId(), accepts);
            if (early == null) {
                return waiting;
            }
            String target = accepts.get(early.name());
            // an instance the event ends keeps the step and payload it had, as no wait was run
            WorkflowInstance base = WorkflowDefinition.END.equals(target) ? withStep(waiting, before) : waiting;
            WorkflowInstance moved = moveOn(connection, vendor, base, false, target, early.payload(),
                    early.traceContext() != null ? early.traceContext() : traceContext, at, at, null);
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE gamgee_event SET consumed_at = ? WHERE instance_id = ? AND event_id = ?")) {
                vendor.bind(statement, 1, at);
                statement.setString(2, claim.instanceId());
                statement.setString(3, early.id());
                statement.executeUpdate();
            }
            GuardedWrites.record(connection, vendor, claim.instanceId(),
                    eventRecord(claim.instanceId(), wait, early.id(), target, at));
            return moved;
        }));
    }

    /**
     * Stores {@code event} and moves its instance on if it waits for it, in one transaction of the
     * store's; when it moves on to a step and {@code lease} is given, leased by it.
     */
    Delivery deliver(EventDelivery event, Lease lease) {
        return jdbc.inTransaction("deliver", event.instanceId(), (connection, vendor) ->
                deliver(connection, vendor, event, false, lease));
    }

    /** Who takes the lease on an instance an event moves on to a step, and until when. */
    record Lease(String workerId, Instant until) {
    }

    /**
     * Stores {@code event} and moves its instance on if it waits for it, on {@code connection},
     * whose transaction the caller commits.
     *
     * @param callersTransaction whether the transaction is the caller's: a duplicate id met on insert
     *     then rolls back to a savepoint, not the whole transaction
     */
    static SendResult deliver(Connection connection, Vendor vendor, EventDelivery event, boolean callersTransaction)
            throws SQLException {
        return deliver(connection, vendor, event, callersTransaction, null).result();
    }

    private static Delivery deliver(Connection connection, Vendor vendor, EventDelivery event,
            boolean callersTransaction, Lease lease) throws SQLException {
        String instanceId = event.instanceId();
        WorkflowInstance current = locked(connection, vendor, instanceId);
        if (current == null) {
            return Delivery.withoutClaim(SendResult.UNKNOWN_INSTANCE);
        }
        if (!current.workflowType().equals(event.workflowType())) {
            return Delivery.withoutClaim(SendResult.WRONG_WORKFLOW);
        }
        long arrivals;
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(arrival), "
                + "MAX(CASE WHEN event_id = ? THEN 1 ELSE 0 END) FROM gamgee_event WHERE instance_id = ?")) {
            statement.setString(1, event.eventId());
            statement.setString(2, instanceId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                arrivals = row.getLong(1);
                if (row.getInt(2) == 1) {
                    return Delivery.withoutClaim(SendResult.DUPLICATE);
                }
            }
        }
        if (current.status() != InstanceStatus.WAITING) {
            return Delivery.withoutClaim(SendResult.FINISHED);
        }
        String target = event.targets().get(current.step());
        Instant at = event.receivedAt();
        if (!insert(connection, vendor, event, arrivals + 1, target == null ? null : at, callersTransaction)) {
            return Delivery.withoutClaim(SendResult.DUPLICATE);
        }
        if (target == null) {
            return Delivery.withoutClaim(SendResult.QUEUED);
        }
        Lease taken = WorkflowDefinition.END.equals(target) ? null : lease;
        WorkflowInstance moved = moveOn(connection, vendor, current, true, target, event.payload(),
                event.traceContext() != null ? event.traceContext() : current.traceContext(), current.runAfter(), at,
                taken);
        GuardedWrites.record(connection, vendor, instanceId,
                eventRecord(instanceId, current.step(), event.eventId(), target, at));
        return new Delivery(SendResult.DELIVERED,
                taken == null ? Optional.empty() : Optional.of(new Claim(moved, taken.workerId(), taken.until())));
    }

    /** The instance's row, locked until the transaction ends; {@code null} if there is none. */
    private static WorkflowInstance locked(Connection connection, Vendor vendor, String instanceId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + InstanceRows.INSTANCE_COLUMNS
                + " FROM gamgee_instance WHERE instance_id = ? FOR UPDATE")) {
            statement.setString(1, instanceId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? InstanceRows.instance(row, vendor) : null;
            }
        }
    }

    /**
     * Inserts the event, consumed at {@code consumedAt} or kept ({@code null}).
     *
     * @return {@code false} if an event with its id is stored already (nothing was written)
     */
    private static boolean insert(Connection connection, Vendor vendor, EventDelivery event, long arrival,
            Instant consumedAt, boolean callersTransaction) throws SQLException {
        Savepoint before = callersTransaction ? connection.setSavepoint() : null;
        try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENT)) {
            statement.setString(1, event.instanceId());
            statement.setString(2, event.eventId());
            statement.setString(3, event.event());
            statement.setLong(4, arrival);
            statement.setString(5, event.payload());
            statement.setString(6, event.traceContext());
            vendor.bind(statement, 7, event.receivedAt());
            vendor.bind(statement, 8, consumedAt);
            statement.executeUpdate();
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // nothing of this delivery is written yet; PostgreSQL needs the rollback to go on at all
            if (before != null) {
                connection.rollback(before);
            } else {
                connection.rollback();
            }
            return false;
        }
        if (before != null) {
            connection.releaseSavepoint(before);
        }
        return true;
    }

    /**
     * Moves {@code row} (locked, at its stored version) to where an event leads: {@code target}
     * with {@code payload}, due at {@code at}, or {@link InstanceStatus#COMPLETED} at {@code at}
     * keeping its step, payload and {@code runAfter}; the lease and last error cleared.
     *
     * @param bump whether this write increments the version (not when it completes one that did)
     * @return the row as written
     */
    private static WorkflowInstance moveOn(Connection connection, Vendor vendor, WorkflowInstance row, boolean bump,
            String target, String payload, String traceContext, Instant runAfter, Instant at, Lease lease)
            throws SQLException {
        boolean ends = WorkflowDefinition.END.equals(target);
        String step = ends ? row.step() : target;
        String nextPayload = ends ? row.payload() : payload;
        Instant due = ends ? runAfter : at;
        String leaseOwner = lease == null ? null : lease.workerId();
        Instant leaseUntil = lease == null ? null : lease.until();
        try (PreparedStatement statement = connection.prepareStatement(MOVE_ON
                + (bump ? ", version = version + 1" : "") + " WHERE instance_id = ? AND version = ?")) {
            InstanceStatus status = ends ? InstanceStatus.COMPLETED : InstanceStatus.WAITING;
            statement.setString(1, status.name());
            statement.setString(2, step);
            statement.setString(3, nextPayload);
            vendor.bind(statement, 4, due);
            vendor.bind(statement, 5, lease == null ? at : leaseUntil);
            statement.setString(6, leaseOwner);
            vendor.bind(statement, 7, leaseUntil);
            statement.setString(8, traceContext);
            vendor.bind(statement, 9, at);
            statement.setString(10, row.instanceId());
            statement.setLong(11, row.version());
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("instance " + row.instanceId() + " changed while its row was locked "
                        + "to move it on with an event; nothing was written");
            }
            return new WorkflowInstance(row.instanceId(), row.workflowType(), step, nextPayload, status, 0,
                    stored(due), leaseOwner, stored(leaseUntil), traceContext, row.diagramHash(),
                    row.version() + (bump ? 1 : 0), row.createdAt(), stored(at), null, row.parentId(),
                    row.pendingBranches());
        }
    }

    /** {@code row} with the step and payload of {@code other}. */
    private static WorkflowInstance withStep(WorkflowInstance row, WorkflowInstance other) {
        return new WorkflowInstance(row.instanceId(), row.workflowType(), other.step(), other.payload(), row.status(),
                row.attempts(), row.runAfter(), row.leaseOwner(), row.leaseUntil(), row.traceContext(),
                row.diagramHash(), row.version(), row.createdAt(), row.updatedAt(), row.lastError(), row.parentId(),
                row.pendingBranches());
    }

    /** An event kept for an instance, not consumed yet. */
    private record KeptEvent(String id, String name, String payload, String traceContext) {
    }

    /**
     * The instance's oldest kept event whose name {@code accepts} has, locked (a current read, whatever
     * the isolation level), or {@code null}.
     */
    private static KeptEvent oldestKept(Connection connection, Vendor vendor, String instanceId,
            Map<String, String> accepts) throws SQLException {
        if (accepts.isEmpty()) {
            return null;
        }
        List<String> names = List.copyOf(accepts.keySet());
        try (PreparedStatement statement = connection.prepareStatement("SELECT event_id, event_name, payload, "
                + "trace_context FROM gamgee_event WHERE instance_id = ? AND consumed_at IS NULL AND event_name IN ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ") ORDER BY arrival, received_at, event_id LIMIT 1 FOR UPDATE")) {
            statement.setString(1, instanceId);
            for (int i = 0; i < names.size(); i++) {
                statement.setString(i + 2, names.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new KeptEvent(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4)) : null;
            }
        }
    }

    /** The wait's record of the event that moved the instance on. */
    private static StepRecord eventRecord(String instanceId, String wait, String eventId, String target, Instant at) {
        boolean ends = WorkflowDefinition.END.equals(target);
        return new StepRecord(instanceId, wait, 1, "event:" + eventId, at, at,
                ends ? StepRecord.Outcome.COMPLETED : StepRecord.Outcome.ADVANCED, ends ? null : target, null);
    }
}
