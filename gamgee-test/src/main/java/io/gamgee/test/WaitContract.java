package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.Delivery;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How every {@link StateStore} keeps waits: an instance parked at a wait holds no lease and is due
 * only at its timer, an event moves it on exactly once, the same event id twice changes nothing, an
 * early event is kept until the instance gets there, and event and timer race atomically, from
 * several threads. Subclass it once per store, as {@link StateStoreContract}.
 */
public abstract class WaitContract extends StoreContractSupport {

    /** The wait of this suite: {@code captured} leads to {@code ship}, {@code declined} ends the workflow. */
    protected static final String WAIT = "paid";
    protected static final Map<String, String> ACCEPTS = Map.of("captured", "ship", "declined", WorkflowDefinition.END);

    private Claim claimOne(String type, long seconds) {
        return claim(type, FetchStrategy.OLDEST, "w1", at(seconds));
    }

    private Optional<Claim> tryClaim(String type, long seconds) {
        return store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(seconds),
                at(seconds).plus(LONG_LEASE));
    }

    /** Inserts an instance, claims it and parks it at the wait, with a timer {@code timer} seconds later (or none). */
    protected String waiting(String type, Long timer) {
        String id = insert(type, at(0));
        Claim claim = claimOne(type, 1);
        WorkflowInstance parked = store.await(claim, WAIT, "{\"order\":\"o-1\"}", ACCEPTS,
                timer == null ? null : at(1 + timer), "hash-1", "00-before", record(claim, Outcome.ADVANCED, at(1), WAIT))
                .orElseThrow();
        assertThat(parked.step()).isEqualTo(WAIT);
        return id;
    }

    protected EventDelivery event(String type, String id, String name, String eventId, long seconds) {
        return new EventDelivery(id, type, name, eventId, "{\"via\":\"" + eventId + "\"}",
                name.equals("captured") ? Map.of(WAIT, "ship") : Map.of(WAIT, WorkflowDefinition.END),
                "00-sender-" + eventId, at(seconds));
    }

    // --- parking ----------------------------------------------------------------------------------

    @Test
    void aWaitingInstanceHoldsNoLeaseAndIsDueOnlyAtItsTimer() {
        String type = uniqueType();
        String id = waiting(type, 100L);

        WorkflowInstance parked = get(id);
        assertThat(parked.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(parked.payload()).isEqualTo("{\"order\":\"o-1\"}");
        assertThat(parked.leaseOwner()).isNull();
        assertThat(parked.runAfter()).isEqualTo(at(101));
        assertThat(parked.traceContext()).isEqualTo("00-before");
        assertThat(tryClaim(type, 100)).isEmpty();
        assertThat(tryClaim(type, 101).orElseThrow().instance().step()).isEqualTo(WAIT);
        assertThat(store.history(id)).extracting(StepRecord::nextStep).containsExactly(WAIT);
    }

    @Test
    void aWaitWithoutATimerIsNeverDue() {
        String type = uniqueType();
        String id = waiting(type, null);

        assertThat(get(id).runAfter()).isEqualTo(StateStore.NEVER);
        assertThat(tryClaim(type, 10_000_000)).isEmpty();
        assertThat(store.count(Query.workflowType(type), InstanceStatus.WAITING)).isEqualTo(1);
    }

    @Test
    void aDelayedStepIsDueOnlyAfterItsDelay() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claimOne(type, 1);

        assertThat(store.advanceLater(claim, "remind", "{}", "hash-1", null,
                record(claim, Outcome.ADVANCED, at(1), "remind"), at(61))).isTrue();

        assertThat(get(id).step()).isEqualTo("remind");
        assertThat(get(id).leaseOwner()).isNull();
        assertThat(tryClaim(type, 60)).isEmpty();
        assertThat(tryClaim(type, 61)).isPresent();
    }

    // --- events -----------------------------------------------------------------------------------

    @Test
    void anEventMovesAWaitingInstanceOnOnce() {
        String type = uniqueType();
        String id = waiting(type, 100L);

        assertThat(store.deliver(event(type, id, "captured", "evt-1", 5))).isEqualTo(SendResult.DELIVERED);

        WorkflowInstance moved = get(id);
        assertThat(moved.step()).isEqualTo("ship");
        assertThat(moved.payload()).isEqualTo("{\"via\":\"evt-1\"}");
        assertThat(moved.runAfter()).isEqualTo(at(5));
        assertThat(moved.traceContext()).isEqualTo("00-sender-evt-1");
        assertThat(store.history(id)).extracting(StepRecord::step, StepRecord::nextStep, StepRecord::workerId)
                .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(WAIT, "ship", "event:evt-1"));
        assertThat(claimOne(type, 5).instance().step()).isEqualTo("ship");
    }

    @Test
    void anEventDeliveredWithALeaseHandsTheStepItLeadsToToThatWorker() {
        String type = uniqueType();
        String id = waiting(type, 100L);

        Delivery delivery = store.deliverClaimed(event(type, id, "captured", "evt-h", 5), "idle-1", at(35));

        assertThat(delivery.result()).isEqualTo(SendResult.DELIVERED);
        Claim claim = delivery.claim().orElseThrow();
        assertThat(claim.workerId()).isEqualTo("idle-1");
        assertThat(claim.instance().step()).isEqualTo("ship");
        assertThat(claim.instance().payload()).isEqualTo("{\"via\":\"evt-h\"}");
        assertThat(claim.instance().traceContext()).isEqualTo("00-sender-evt-h");
        assertThat(claim.version()).isEqualTo(get(id).version());
        assertThat(get(id).leaseOwner()).isEqualTo("idle-1");
        assertThat(tryClaim(type, 34)).as("leased to the worker it was handed to").isEmpty();
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(6), null))).isTrue();
        assertThat(get(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(store.history(id)).extracting(StepRecord::step).endsWith(WAIT, "ship");
    }

    @Test
    void aLeaseTakenOnDeliveryExpiresLikeAnyOther() {
        String type = uniqueType();
        String id = waiting(type, null);

        Claim handed = store.deliverClaimed(event(type, id, "captured", "evt-x", 5), "idle-1", at(35)).claim()
                .orElseThrow();

        // the worker it was handed to died: another claims the step once the lease has passed
        Claim taken = tryClaim(type, 36).orElseThrow();
        assertThat(taken.instance().step()).isEqualTo("ship");
        assertThat(store.complete(handed, record(handed, Outcome.COMPLETED, at(37), null))).isFalse();
        assertThat(store.complete(taken, record(taken, Outcome.COMPLETED, at(37), null))).isTrue();
    }

    @Test
    void anEventThatEndsTheWorkflowOrIsKeptTakesNoLease() {
        String type = uniqueType();
        String ended = waiting(type, null);
        String early = insert(type, at(0));

        Delivery end = store.deliverClaimed(event(type, ended, "declined", "evt-e", 5), "idle-1", at(35));
        Delivery kept = store.deliverClaimed(event(type, early, "captured", "evt-k", 5), "idle-1", at(35));

        assertThat(end.result()).isEqualTo(SendResult.DELIVERED);
        assertThat(end.claim()).isEmpty();
        assertThat(get(ended).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(kept.result()).isEqualTo(SendResult.QUEUED);
        assertThat(kept.claim()).isEmpty();
        assertThat(get(early).leaseOwner()).isNull();
    }

    @Test
    void theSameEventIdTwiceChangesNothing() {
        String type = uniqueType();
        String id = waiting(type, null);
        assertThat(store.deliver(event(type, id, "captured", "evt-1", 5))).isEqualTo(SendResult.DELIVERED);
        long version = get(id).version();

        assertThat(store.deliver(event(type, id, "captured", "evt-1", 6))).isEqualTo(SendResult.DUPLICATE);
        assertThat(store.deliver(event(type, id, "declined", "evt-1", 6))).isEqualTo(SendResult.DUPLICATE);

        assertThat(get(id).version()).isEqualTo(version);
        assertThat(get(id).step()).isEqualTo("ship");
        assertThat(store.history(id)).hasSize(2);
    }

    @Test
    void anEventThatEndsTheWorkflowCompletesIt() {
        String type = uniqueType();
        String id = waiting(type, 100L);

        assertThat(store.deliver(event(type, id, "declined", "evt-2", 5))).isEqualTo(SendResult.DELIVERED);

        assertThat(get(id).status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(store.history(id)).last().extracting(StepRecord::outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(tryClaim(type, 200)).isEmpty();
    }

    @Test
    void anEarlyEventIsKeptAndConsumedWhenTheInstanceReachesTheWait() {
        String type = uniqueType();
        String id = insert(type, at(0));

        assertThat(store.deliver(event(type, id, "captured", "evt-3", 0))).isEqualTo(SendResult.QUEUED);
        assertThat(get(id).step()).isEqualTo("first");
        assertThat(store.deliver(event(type, id, "captured", "evt-3", 0))).isEqualTo(SendResult.DUPLICATE);

        Claim claim = claimOne(type, 1);
        WorkflowInstance after = store.await(claim, WAIT, "{}", ACCEPTS, at(100), "hash-1", "00-before",
                record(claim, Outcome.ADVANCED, at(1), WAIT)).orElseThrow();

        assertThat(after.step()).isEqualTo("ship");
        assertThat(get(id).payload()).isEqualTo("{\"via\":\"evt-3\"}");
        assertThat(get(id).runAfter()).isEqualTo(at(1));
        assertThat(store.history(id)).extracting(StepRecord::step, StepRecord::workerId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", "w1"),
                org.assertj.core.groups.Tuple.tuple(WAIT, "event:evt-3"));
        // consumed: it does not move the instance again at a later wait
        Claim ship = claimOne(type, 2);
        assertThat(store.await(ship, WAIT, "{}", ACCEPTS, null, "hash-1", null,
                record(ship, Outcome.ADVANCED, at(2), WAIT)).orElseThrow().step()).isEqualTo(WAIT);
    }

    @Test
    void anEarlyEventTheWaitDoesNotAcceptStaysKept() {
        String type = uniqueType();
        String id = insert(type, at(0));
        assertThat(store.deliver(new EventDelivery(id, type, "refunded", "evt-4", "{}", Map.of("other", "ship"), null,
                at(0)))).isEqualTo(SendResult.QUEUED);

        Claim claim = claimOne(type, 1);
        assertThat(store.await(claim, WAIT, "{}", ACCEPTS, null, "hash-1", null,
                record(claim, Outcome.ADVANCED, at(1), WAIT)).orElseThrow().step()).isEqualTo(WAIT);
    }

    @Test
    void eventsForFinishedUnknownOrOtherInstancesAreNotKept() {
        String type = uniqueType();
        String id = waiting(type, null);
        assertThat(store.cancel(id, at(2))).isTrue();

        assertThat(store.deliver(event(type, id, "captured", "evt-5", 3))).isEqualTo(SendResult.FINISHED);
        assertThat(store.deliver(event(type, id + "-nope", "captured", "evt-5", 3)))
                .isEqualTo(SendResult.UNKNOWN_INSTANCE);
        String other = insert(uniqueType(), at(0));
        assertThat(store.deliver(event(type, other, "captured", "evt-5", 3))).isEqualTo(SendResult.WRONG_WORKFLOW);
        assertThat(get(other).version()).isZero();
    }

    // --- event against timer -----------------------------------------------------------------------

    @Test
    void anEventBeatsATimerWhoseTransitionIsNotWrittenYet() {
        String type = uniqueType();
        String id = waiting(type, 10L);
        Claim timer = claimOne(type, 11);

        assertThat(store.deliver(event(type, id, "captured", "evt-6", 11))).isEqualTo(SendResult.DELIVERED);

        assertThat(store.advance(timer, "remind", "{}", "hash-1", null, record(timer, Outcome.ADVANCED, at(12),
                "remind"), null)).isEmpty();
        assertThat(get(id).step()).isEqualTo("ship");
    }

    @Test
    void aTimerThatFiredFirstLeavesALateEventKeptNotApplied() {
        String type = uniqueType();
        String id = waiting(type, 10L);
        Claim timer = claimOne(type, 11);
        assertThat(store.advance(timer, "remind", "{}", "hash-1", null, record(timer, Outcome.ADVANCED, at(12),
                "remind"), null)).isPresent();

        assertThat(store.deliver(event(type, id, "captured", "evt-7", 13))).isEqualTo(SendResult.QUEUED);
        assertThat(get(id).step()).isEqualTo("remind");
    }

    @Test
    void theSameEventFromFourThreadsAtOnceIsDeliveredOnce() throws Exception {
        String type = uniqueType();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(waiting(type, null));
        }
        for (String id : ids) {
            List<SendResult> results = race(4, () -> store.deliver(event(type, id, "captured", "webhook-1", 5)));
            assertThat(results).as("deliveries to %s", id).containsOnlyOnce(SendResult.DELIVERED)
                    .containsOnly(SendResult.DELIVERED, SendResult.DUPLICATE);
            assertThat(store.history(id)).as("history of %s", id).hasSize(2);
        }
    }

    @Test
    void anEventAndATimerDueAtTheSameInstantMoveTheInstanceOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            // a type per round: the timer's claim must find only this instance
            String type = uniqueType();
            String id = waiting(type, 10L);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Object> results = race(List.of(() -> {
                start.await(10, TimeUnit.SECONDS);
                return store.deliver(event(type, id, "captured", "evt-" + id, 11));
            }, () -> {
                start.await(10, TimeUnit.SECONDS);
                Optional<Claim> timer = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "timer", at(11),
                        at(11).plus(LONG_LEASE));
                // a worker fires the timer only if what it claimed still stands at the wait
                return timer.filter(t -> t.instance().step().equals(WAIT)).flatMap(t -> store.advance(t, "remind", "{}", "hash-1", null,
                        record(t, Outcome.ADVANCED, at(11), "remind"), null)).isPresent();
            }));
            boolean eventWon = results.get(0) == SendResult.DELIVERED;
            boolean timerWon = Boolean.TRUE.equals(results.get(1));
            assertThat(eventWon ^ timerWon).as("exactly one of event (%s) and timer (%s) won for %s", results.get(0),
                    results.get(1), id).isTrue();
            assertThat(get(id).step()).isEqualTo(eventWon ? "ship" : "remind");
            assertThat(store.history(id).stream().filter(r -> r.step().equals(WAIT)).count())
                    .as("transitions out of the wait of %s", id).isEqualTo(1);
        }
    }

    @Test
    void eventsArePurgedWithTheirInstance() {
        String type = uniqueType();
        String id = waiting(type, null);
        assertThat(store.deliver(event(type, id, "declined", "evt-8", 5))).isEqualTo(SendResult.DELIVERED);

        while (store.purgeFinished(at(3600), 1000) == 1000) {
            // a shared database may hold more
        }

        assertThat(store.find(id)).isEmpty();
        assertThat(store.deliver(event(type, id, "declined", "evt-8", 3601))).isEqualTo(SendResult.UNKNOWN_INSTANCE);
        // the id can be used again, and its old events are gone with it
        assertThat(store.insert(newInstance(type, id, at(3600)))).isTrue();
        assertThat(store.deliver(event(type, id, "declined", "evt-8", 3601))).isEqualTo(SendResult.QUEUED);
    }

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        for (int i = 0; i < threads; i++) {
            tasks.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                return task.call();
            });
        }
        return race(tasks);
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
