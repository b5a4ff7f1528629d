package io.gamgee.jpa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StoreException;
import io.gamgee.jpa.workflow.ReservePayload;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import io.gamgee.jpa.workflow.ShipmentWorkflowBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal worker over the store alone: claims a shipment, runs its steps one after the other
 * while keeping the lease (one transition per step), as {@code executeWaitingWorkflow} does.
 */
final class StepLoop implements Runnable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final WorkflowDefinition DEFINITION = ShipmentWorkflowBase.DEFINITION;

    private final StateStore store;
    private final ShipmentWorkflow workflow;
    private final String workerId;
    private final Duration lease;
    private final FetchStrategy strategy;
    private final AtomicBoolean stop;
    final AtomicLong transitions = new AtomicLong();

    StepLoop(StateStore store, ShipmentWorkflow workflow, String workerId, Duration lease, FetchStrategy strategy,
            AtomicBoolean stop) {
        this.store = store;
        this.workflow = workflow;
        this.workerId = workerId;
        this.lease = lease;
        this.strategy = strategy;
        this.stop = stop;
    }

    /** Submits a shipment as {@code WorkflowBase.submit} does. */
    static void submit(StateStore store, String instanceId, Instant now) throws Exception {
        store.insert(new NewInstance(instanceId, DEFINITION.workflowType(), DEFINITION.firstStep(),
                JSON.writeValueAsString(new ReservePayload(instanceId)), now, null, DEFINITION.diagramHash(), now));
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                Instant now = Instant.now();
                Optional<Claim> claim = store.claim(Query.workflowType(DEFINITION.workflowType()), strategy, workerId,
                        now, now.plus(lease));
                if (claim.isPresent()) {
                    runWorkflow(claim.get());
                } else {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
            }
        }
    }

    private void runWorkflow(Claim first) {
        Claim claim = first;
        while (claim != null && !stop.get()) {
            String step = claim.instance().step();
            Instant started = Instant.now();
            StepResult result;
            try {
                Object payload = JSON.readValue(claim.instance().payload(),
                        DEFINITION.step(step).orElseThrow().payloadType());
                result = workflow.run(step, payload);
            } catch (Exception e) {
                Instant finished = Instant.now();
                store.retryLater(claim, finished.plusMillis(10), ErrorInfo.of(e), new StepRecord(claim.instanceId(),
                        step, claim.instance().attempts() + 1, workerId, started, finished,
                        StepRecord.Outcome.RETRY_SCHEDULED, null, e.toString()));
                return;
            }
            Instant finished = Instant.now();
            int attempt = claim.instance().attempts() + 1;
            if (result.isComplete()) {
                if (store.complete(claim, new StepRecord(claim.instanceId(), step, attempt, workerId, started,
                        finished, StepRecord.Outcome.COMPLETED, null, null))) {
                    transitions.incrementAndGet();
                }
                return;
            }
            String payload;
            try {
                payload = JSON.writeValueAsString(result.payload());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            claim = store.advance(claim, result.nextStep(), payload, DEFINITION.diagramHash(), null,
                    new StepRecord(claim.instanceId(), step, attempt, workerId, started, finished,
                            StepRecord.Outcome.ADVANCED, result.nextStep(), null),
                    finished.plus(lease)).orElse(null);
            if (claim != null) {
                transitions.incrementAndGet();
            }
        }
    }
}
