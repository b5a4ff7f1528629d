package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StateStore} must show. A store's test extends this class and
 * implements {@link #createStore()}:
 *
 * <pre>{@code
 * class PostgresStateStoreTest extends StateStoreContract {
 *     @Override protected StateStore createStore() { return JpaStateStore.create(dataSource); }
 * }
 * }</pre>
 *
 * <p>Every test works on workflow types and instance ids of its own (random suffixes) and queries
 * by type, so the suite runs against a shared database that holds other data and needs no reset.
 * Times are whole milliseconds, which every database keeps exactly.
 */
public abstract class StateStoreContract extends StoreContractSupport {

    // --- insert --------------------------------------------------------------------------------

    @Test
    void insertStoresAWaitingInstanceAtVersionZero() {
        String type = uniqueType();
        String id = insert(type, at(0));

        WorkflowInstance stored = get(id);
        assertThat(stored.workflowType()).isEqualTo(type);
        assertThat(stored.step()).isEqualTo("first");
        assertThat(stored.payload()).isEqualTo("{\"n\":1}");
        assertThat(stored.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.version()).isZero();
        assertThat(stored.runAfter()).isEqualTo(at(0));
        assertThat(stored.leaseOwner()).isNull();
        assertThat(stored.traceContext()).isEqualTo("00-trace");
        assertThat(stored.diagramHash()).isEqualTo("hash-1");
        assertThat(stored.lastError()).isNull();
        assertThat(store.history(id)).isEmpty();
    }

    @Test
    void insertIsIdempotentById() {
        String type = uniqueType();
        String id = insert(type, at(0));

        NewInstance again = new NewInstance(id, type, "other", "{\"n\":2}", at(50), null, "hash-2", at(50));
        assertThat(store.insert(again)).isFalse();

        WorkflowInstance stored = get(id);
        assertThat(stored.step()).isEqualTo("first");
        assertThat(stored.payload()).isEqualTo("{\"n\":1}");
        assertThat(stored.version()).isZero();
        assertThat(store.count(Query.workflowType(type), null)).isEqualTo(1);
    }

    @Test
    void insertClaimedStoresAnInstanceLeasedToTheWorkerAtVersionZero() {
        String type = uniqueType();
        String id = type + "-claimed";

        Claim claim = store.insertClaimed(newInstance(type, id, at(0)), "w1", at(30)).orElseThrow();

        assertThat(claim.instanceId()).isEqualTo(id);
        assertThat(claim.workerId()).isEqualTo("w1");
        assertThat(claim.leaseUntil()).isEqualTo(at(30));
        assertThat(claim.version()).isZero();
        WorkflowInstance stored = get(id);
        assertThat(stored.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(stored.step()).isEqualTo("first");
        assertThat(stored.leaseOwner()).isEqualTo("w1");
        assertThat(stored.version()).isZero();
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(10), at(70)))
                .as("leased to w1").isEmpty();
        assertThat(store.advance(claim, "second", "{\"n\":2}", "hash-1", null,
                record(claim, Outcome.ADVANCED, at(1), "second"), null)).isPresent();
        assertThat(get(id).step()).isEqualTo("second");
        assertThat(store.history(id)).hasSize(1);
    }

    @Test
    void anInstanceInsertedClaimedIsDueForOthersOnceItsLeaseExpires() {
        String type = uniqueType();
        String id = type + "-claimed";
        store.insertClaimed(newInstance(type, id, at(0)), "w1", at(30)).orElseThrow();

        Claim taken = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(31), at(90)).orElseThrow();

        assertThat(taken.instanceId()).isEqualTo(id);
        assertThat(taken.version()).isEqualTo(1);
    }

    @Test
    void insertClaimedOfAnExistingIdChangesNothing() {
        String type = uniqueType();
        String id = insert(type, at(0));

        assertThat(store.insertClaimed(newInstance(type, id, at(5)), "w1", at(30))).isEmpty();

        WorkflowInstance stored = get(id);
        assertThat(stored.leaseOwner()).isNull();
        assertThat(stored.runAfter()).isEqualTo(at(0));
        assertThat(stored.version()).isZero();
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(store.find("no-such-" + UUID.randomUUID())).isEmpty();
        assertThat(store.history("no-such-" + UUID.randomUUID())).isEmpty();
    }

    // --- claim ---------------------------------------------------------------------------------

    @Test
    void claimSetsTheLeaseAndIncrementsTheVersion() {
        String type = uniqueType();
        String id = insert(type, at(0));

        Claim claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(1), at(31)).orElseThrow();

        assertThat(claim.instanceId()).isEqualTo(id);
        assertThat(claim.workerId()).isEqualTo("w1");
        assertThat(claim.leaseUntil()).isEqualTo(at(31));
        assertThat(claim.version()).isEqualTo(1);
        WorkflowInstance stored = get(id);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.leaseOwner()).isEqualTo("w1");
        assertThat(stored.leaseUntil()).isEqualTo(at(31));
        assertThat(stored.isLeased(at(2))).isTrue();
        assertThat(stored.status()).isEqualTo(InstanceStatus.WAITING);
    }

    @Test
    void aClaimedInstanceIsNotClaimedAgainWhileLeased() {
        String type = uniqueType();
        insert(type, at(0));
        claim(type, FetchStrategy.OLDEST, "w1", at(1));

        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(2), at(60))).isEmpty();
    }

    @Test
    void oldestClaimsInRunAfterOrder() {
        String type = uniqueType();
        List<String> dueOrder = insertedOutOfOrder(type);

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claimed.add(claim(type, FetchStrategy.OLDEST, "w", at(100)).instanceId());
        }
        assertThat(claimed).isEqualTo(dueOrder);
    }

    /**
     * Inserts three instances of {@code type}, due and created at 10, 20 and 30 s, in the order
     * second, first, third; returns their ids in the order of those times.
     */
    private List<String> insertedOutOfOrder(String type) {
        String second = insert(type, at(20));
        String first = insert(type, at(10));
        String third = insert(type, at(30));
        return List.of(first, second, third);
    }

    @Test
    void newestClaimsInReverseRunAfterOrderAmongDueOnes() {
        String type = uniqueType();
        String older = insert(type, at(10));
        String newer = insert(type, at(20));
        insert(type, at(500)); // not due yet

        assertThat(claim(type, FetchStrategy.NEWEST, "w", at(100)).instanceId()).isEqualTo(newer);
        assertThat(claim(type, FetchStrategy.NEWEST, "w", at(100)).instanceId()).isEqualTo(older);
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.NEWEST, "w", at(100), at(200))).isEmpty();
    }

    @Test
    void tiesInRunAfterAreBrokenById() {
        String type = uniqueType();
        String a = type + "-a";
        String b = type + "-b";
        assertThat(store.insert(newInstance(type, b, at(10)))).isTrue();
        assertThat(store.insert(newInstance(type, a, at(10)))).isTrue();

        assertThat(claim(type, FetchStrategy.OLDEST, "w", at(100)).instanceId()).isEqualTo(a);
        assertThat(claim(type, FetchStrategy.OLDEST, "w", at(100)).instanceId()).isEqualTo(b);
    }

    @Test
    void randomClaimsEveryDueInstanceAndNothingElse() {
        String type = uniqueType();
        Set<String> due = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            due.add(insert(type, at(i)));
        }
        String later = insert(type, at(1000));

        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            claimed.add(claim(type, FetchStrategy.RANDOM, "w", at(100)).instanceId());
        }
        assertThat(claimed).isEqualTo(due).doesNotContain(later);
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.RANDOM, "w", at(100), at(200))).isEmpty();
    }

    @Test
    void claimBatchLeasesUpToMaxDueInstancesOldestFirst() {
        String type = uniqueType();
        String third = insert(type, at(30));
        String first = insert(type, at(10));
        String fourth = insert(type, at(40));
        String second = insert(type, at(20));
        insert(type, at(500)); // not due yet

        List<Claim> batch = store.claimBatch(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(100), at(160), 3);

        assertThat(batch).extracting(Claim::instanceId).containsExactly(first, second, third);
        for (Claim claim : batch) {
            assertThat(claim.version()).isEqualTo(1);
            assertThat(claim.workerId()).isEqualTo("w1");
            assertThat(claim.leaseUntil()).isEqualTo(at(160));
            assertThat(get(claim.instanceId()).leaseOwner()).isEqualTo("w1");
        }
        assertThat(store.claimBatch(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(100), at(160), 3))
                .extracting(Claim::instanceId).containsExactly(fourth);
        assertThat(store.claimBatch(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(100), at(160), 3))
                .isEmpty();
    }

    @Test
    void claimBatchNewestComesNewestFirst() {
        String type = uniqueType();
        String older = insert(type, at(10));
        String newest = insert(type, at(30));
        String middle = insert(type, at(20));

        assertThat(store.claimBatch(Query.workflowType(type), FetchStrategy.NEWEST, "w", at(100), at(160), 5))
                .extracting(Claim::instanceId).containsExactly(newest, middle, older);
    }

    @Test
    void claimBatchRandomTakesOnlyDueInstancesEachOnce() {
        String type = uniqueType();
        Set<String> due = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            due.add(insert(type, at(i)));
        }
        insert(type, at(1000));

        List<Claim> first = store.claimBatch(Query.workflowType(type), FetchStrategy.RANDOM, "w", at(100), at(160), 4);
        List<Claim> rest = store.claimBatch(Query.workflowType(type), FetchStrategy.RANDOM, "w", at(100), at(160), 4);

        assertThat(first).hasSize(4);
        assertThat(rest).hasSize(2);
        Set<String> claimed = new HashSet<>();
        first.forEach(claim -> claimed.add(claim.instanceId()));
        rest.forEach(claim -> claimed.add(claim.instanceId()));
        assertThat(claimed).isEqualTo(due);
    }

    @Test
    void claimBatchRefusesAMaxBelowOne() {
        assertThatThrownBy(() -> store.claimBatch(Query.all(), FetchStrategy.OLDEST, "w", at(0), at(60), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max must be at least 1");
    }

    @Test
    void claimRespectsRunAfter() {
        String type = uniqueType();
        String id = insert(type, at(60));

        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", at(59), at(120))).isEmpty();
        assertThat(claim(type, FetchStrategy.OLDEST, "w", at(60)).instanceId()).isEqualTo(id);
    }

    @Test
    void claimMatchesTheQueryByTypeAndStep() {
        String type = uniqueType();
        String otherType = uniqueType();
        String atFirst = insert(type, at(0));
        String atSecond = type + "-second";
        assertThat(store.insert(new NewInstance(atSecond, type, "second", "{}", at(0), null, "h", at(0)))).isTrue();
        String ofOtherType = insert(otherType, at(0));

        Query secondStep = Query.workflowType(type).step("second");
        assertThat(store.claim(secondStep, FetchStrategy.OLDEST, "w", at(1), at(100)).orElseThrow().instanceId())
                .isEqualTo(atSecond);
        assertThat(store.claim(secondStep, FetchStrategy.OLDEST, "w", at(1), at(100))).isEmpty();
        assertThat(claim(type, FetchStrategy.NEWEST, "w", at(1)).instanceId()).isEqualTo(atFirst);
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.RANDOM, "w", at(1), at(100))).isEmpty();
        assertThat(claim(otherType, FetchStrategy.RANDOM, "w", at(1)).instanceId()).isEqualTo(ofOtherType);
    }

    @Test
    void finishedInstancesAreNeverClaimed() {
        String type = uniqueType();
        String completed = insert(type, at(0));
        String cancelled = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w", at(1));
        assertThat(claim.instanceId()).isEqualTo(completed.compareTo(cancelled) < 0 ? completed : cancelled);
        String claimedId = claim.instanceId();
        String otherId = claimedId.equals(completed) ? cancelled : completed;
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(2), null))).isTrue();
        assertThat(store.cancel(otherId, at(2))).isTrue();

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(store.claim(Query.workflowType(type), strategy, "w", at(1000), at(2000))).isEmpty();
        }
    }

    // --- leases --------------------------------------------------------------------------------

    @Test
    void anExpiredLeaseLetsAnotherWorkerClaim() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim first = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(1), at(31)).orElseThrow();

        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(30), at(60))).isEmpty();
        Claim second = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(31), at(61)).orElseThrow();

        assertThat(second.instanceId()).isEqualTo(id);
        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(get(id).leaseOwner()).isEqualTo("w2");
    }

    @Test
    void renewLeaseExtendsTheLeaseAndMovesTheGuard() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(1), at(31)).orElseThrow();

        Claim renewed = store.renewLease(claim, at(91)).orElseThrow();

        assertThat(renewed.version()).isEqualTo(claim.version() + 1);
        assertThat(renewed.leaseUntil()).isEqualTo(at(91));
        assertThat(get(id).leaseUntil()).isEqualTo(at(91));
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(60), at(120))).isEmpty();
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(61), null)))
                .as("the pre-renewal claim is stale").isFalse();
        assertThat(store.complete(renewed, record(renewed, Outcome.COMPLETED, at(61), null))).isTrue();
    }

    @Test
    void aStaleClaimsTransitionsAreRejectedAndChangeNothing() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim stale = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(1), at(31)).orElseThrow();
        Claim current = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(40), at(100)).orElseThrow();
        WorkflowInstance before = get(id);

        assertThat(store.advance(stale, "second", "{}", "hash-2", "00-next",
                record(stale, Outcome.ADVANCED, at(41), "second"), at(100))).isEmpty();
        assertThat(store.complete(stale, record(stale, Outcome.COMPLETED, at(41), null))).isFalse();
        assertThat(store.retryLater(stale, at(50), ErrorInfo.of("E", "boom"),
                record(stale, Outcome.RETRY_SCHEDULED, at(41), null))).isFalse();
        assertThat(store.markUnrecoverable(stale, ErrorInfo.of("E", "boom"),
                record(stale, Outcome.UNRECOVERABLE, at(41), null))).isFalse();
        assertThat(store.release(stale)).isFalse();
        assertThat(store.renewLease(stale, at(500))).isEmpty();

        assertThat(get(id)).isEqualTo(before);
        assertThat(store.history(id)).isEmpty();
        assertThat(store.complete(current, record(current, Outcome.COMPLETED, at(41), null))).isTrue();
    }

    @Test
    void releaseMakesTheInstanceDueAtOnceWithoutHistory() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));

        assertThat(store.release(claim)).isTrue();

        WorkflowInstance released = get(id);
        assertThat(released.leaseOwner()).isNull();
        assertThat(released.version()).isEqualTo(claim.version() + 1);
        assertThat(released.attempts()).isZero();
        assertThat(store.history(id)).isEmpty();
        assertThat(claim(type, FetchStrategy.OLDEST, "w2", at(2)).instanceId()).isEqualTo(id);
    }

    // --- transitions ---------------------------------------------------------------------------

    @Test
    void advanceWithAKeptLeaseLetsTheHolderContinue() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));

        Claim next = store.advance(claim, "second", "{\"m\":2}", "hash-2", "00-step1",
                record(claim, Outcome.ADVANCED, at(2), "second"), at(62)).orElseThrow();

        assertThat(next.version()).isEqualTo(claim.version() + 1);
        assertThat(next.leaseUntil()).isEqualTo(at(62));
        WorkflowInstance advanced = next.instance();
        assertThat(advanced.step()).isEqualTo("second");
        assertThat(advanced.payload()).isEqualTo("{\"m\":2}");
        assertThat(advanced.diagramHash()).isEqualTo("hash-2");
        assertThat(advanced.traceContext()).isEqualTo("00-step1");
        assertThat(advanced.runAfter()).isEqualTo(at(2));
        assertThat(advanced.leaseOwner()).isEqualTo("w1");
        assertThat(get(id)).isEqualTo(advanced);
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(3), at(100))).isEmpty();

        assertThat(store.complete(next, record(next, Outcome.COMPLETED, at(3), null))).isTrue();
        assertThat(get(id).status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    @Test
    void advanceWithoutKeepingTheLeaseMakesTheNextStepDueForAnyone() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));

        Claim receipt = store.advance(claim, "second", "{}", "hash-1", null,
                record(claim, Outcome.ADVANCED, at(2), "second"), null).orElseThrow();

        assertThat(get(id).leaseOwner()).isNull();
        Claim next = store.claim(Query.workflowType(type).step("second"), FetchStrategy.OLDEST, "w2", at(2), at(100))
                .orElseThrow();
        assertThat(next.instanceId()).isEqualTo(id);
        assertThat(store.complete(receipt, record(receipt, Outcome.COMPLETED, at(3), null)))
                .as("the receipt does not guard anything once another worker claimed").isFalse();
    }

    @Test
    void advanceResetsAttemptsAndClearsTheLastError() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));
        assertThat(store.retryLater(claim, at(10), ErrorInfo.of("E", "boom"),
                record(claim, Outcome.RETRY_SCHEDULED, at(2), null))).isTrue();
        Claim retry = claim(type, FetchStrategy.OLDEST, "w1", at(10));
        assertThat(retry.instance().attempts()).isEqualTo(1);

        store.advance(retry, "second", "{}", "hash-1", null, record(retry, Outcome.ADVANCED, at(11), "second"), null)
                .orElseThrow();

        assertThat(get(id).attempts()).isZero();
        assertThat(get(id).lastError()).isNull();
    }

    @Test
    void completeEndsTheInstance() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));

        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(2), null))).isTrue();

        WorkflowInstance completed = get(id);
        assertThat(completed.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(completed.leaseOwner()).isNull();
        assertThat(completed.version()).isEqualTo(claim.version() + 1);
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(3), null))).isFalse();
    }

    @Test
    void retryLaterCountsTheAttemptKeepsTheErrorAndWaitsForRunAfter() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));
        ErrorInfo error = new ErrorInfo("java.io.IOException", "disk full", "java.io.IOException: disk full\n\tat X");

        assertThat(store.retryLater(claim, at(30), error, record(claim, Outcome.RETRY_SCHEDULED, at(2), null))).isTrue();

        WorkflowInstance retrying = get(id);
        assertThat(retrying.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.runAfter()).isEqualTo(at(30));
        assertThat(retrying.lastError()).isEqualTo(error);
        assertThat(retrying.leaseOwner()).isNull();
        assertThat(retrying.step()).isEqualTo("first");
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w2", at(29), at(100))).isEmpty();
        assertThat(claim(type, FetchStrategy.OLDEST, "w2", at(30)).instanceId()).isEqualTo(id);
    }

    @Test
    void markUnrecoverableKeepsTheErrorAndIsNeverClaimed() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));
        ErrorInfo error = new ErrorInfo("java.lang.IllegalStateException", "no stock", "trace");

        assertThat(store.markUnrecoverable(claim, error, record(claim, Outcome.UNRECOVERABLE, at(2), null))).isTrue();

        WorkflowInstance failed = get(id);
        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo(error);
        assertThat(failed.leaseOwner()).isNull();
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", at(1000), at(2000))).isEmpty();
    }

    // --- recover and cancel --------------------------------------------------------------------

    @Test
    void recoverResetsAttemptsOfMatchingUnrecoverableInstancesUpToTheLimit() {
        String type = uniqueType();
        String otherType = uniqueType();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(failOnce(type, true));
        }
        String waiting = insert(type, at(0));
        String otherFailed = failOnce(otherType, true);

        assertThat(store.recoverTasks(Query.workflowType(type), 2, at(100))).isEqualTo(2);
        assertThat(store.count(Query.workflowType(type), InstanceStatus.UNRECOVERABLE)).isEqualTo(1);
        assertThat(store.recoverTasks(Query.workflowType(type), 10, at(100))).isEqualTo(1);
        assertThat(store.recoverTasks(Query.workflowType(type), 10, at(100))).isZero();

        for (String id : failed) {
            WorkflowInstance recovered = get(id);
            assertThat(recovered.status()).isEqualTo(InstanceStatus.WAITING);
            assertThat(recovered.attempts()).isZero();
            assertThat(recovered.runAfter()).isEqualTo(at(100));
            assertThat(recovered.leaseOwner()).isNull();
            assertThat(recovered.lastError()).as("kept until the next transition").isNotNull();
        }
        assertThat(get(waiting).version()).as("a waiting instance is not touched").isZero();
        assertThat(get(otherFailed).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(claim(type, FetchStrategy.NEWEST, "w", at(100)).instanceId()).isIn(failed.toArray());
    }

    @Test
    void recoverMatchesTheStep() {
        String type = uniqueType();
        String failedAtFirst = failOnce(type, true);

        assertThat(store.recoverTasks(Query.workflowType(type).step("second"), 10, at(100))).isZero();
        assertThat(store.recoverTasks(Query.workflowType(type).step("first"), 10, at(100))).isEqualTo(1);
        assertThat(get(failedAtFirst).status()).isEqualTo(InstanceStatus.WAITING);
    }

    private String failOnce(String type, boolean unrecoverable) {
        String id = insert(type, at(0));
        Claim claim = store.claim(Query.workflowType(type).step("first"), FetchStrategy.NEWEST, "w", at(1), at(60))
                .orElseThrow();
        assertThat(claim.instanceId()).isEqualTo(id);
        if (unrecoverable) {
            assertThat(store.markUnrecoverable(claim, ErrorInfo.of("E", "boom"),
                    record(claim, Outcome.UNRECOVERABLE, at(2), null))).isTrue();
        }
        return id;
    }

    @Test
    void cancelStopsAWaitingInstanceEvenWhileItsStepRuns() {
        String type = uniqueType();
        String idle = insert(type, at(0));
        String running = insert(type, at(1));
        Claim claim = store.claim(Query.workflowType(type), FetchStrategy.NEWEST, "w", at(2), at(60)).orElseThrow();
        assertThat(claim.instanceId()).isEqualTo(running);

        assertThat(store.cancel(idle, at(3))).isTrue();
        assertThat(store.cancel(running, at(3))).isTrue();

        assertThat(get(idle).status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(get(running).status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(4), null))).isFalse();
        assertThat(store.history(running)).isEmpty();
        assertThat(store.cancel(idle, at(5))).as("already cancelled").isFalse();
        assertThat(store.cancel("no-such-" + UUID.randomUUID(), at(5))).isFalse();
        assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", at(100), at(200))).isEmpty();
    }

    @Test
    void cancelRefusesFinishedInstances() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claim(type, FetchStrategy.OLDEST, "w", at(1));
        store.complete(claim, record(claim, Outcome.COMPLETED, at(2), null));

        assertThat(store.cancel(id, at(3))).isFalse();
        assertThat(get(id).status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    // --- list, count, history, purge -----------------------------------------------------------

    @Test
    void listPagesInCreationOrderAndFiltersByStatus() {
        String type = uniqueType();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(insert(type, at(i)));
        }
        Claim claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", at(10), at(60)).orElseThrow();
        store.complete(claim, record(claim, Outcome.COMPLETED, at(11), null));

        Query query = Query.workflowType(type);
        assertThat(store.list(query, null, 0, 10)).extracting(WorkflowInstance::instanceId).containsExactlyElementsOf(ids);
        assertThat(store.list(query, null, 1, 2)).extracting(WorkflowInstance::instanceId)
                .containsExactly(ids.get(1), ids.get(2));
        assertThat(store.list(query, null, 4, 10)).extracting(WorkflowInstance::instanceId).containsExactly(ids.get(4));
        assertThat(store.list(query, null, 5, 10)).isEmpty();
        assertThat(store.list(query, InstanceStatus.COMPLETED, 0, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(ids.get(0));
        assertThat(store.list(query, InstanceStatus.WAITING, 0, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactlyElementsOf(ids.subList(1, 5));
        assertThat(store.list(query.step("nope"), null, 0, 10)).isEmpty();

        assertThat(store.count(query, null)).isEqualTo(5);
        assertThat(store.count(query, InstanceStatus.WAITING)).isEqualTo(4);
        assertThat(store.count(query, InstanceStatus.COMPLETED)).isEqualTo(1);
        assertThat(store.count(query, InstanceStatus.CANCELLED)).isZero();
        assertThat(store.count(query.step("first"), null)).isEqualTo(5);
    }

    @Test
    void historyRecordsSuccessfulTransitionsInOrder() {
        String type = uniqueType();
        String id = insert(type, at(0));

        Claim c1 = claim(type, FetchStrategy.OLDEST, "w1", at(1));
        StepRecord retried = record(c1, Outcome.RETRY_SCHEDULED, at(2), null);
        store.retryLater(c1, at(3), ErrorInfo.of("E", "boom"), retried);
        Claim c2 = claim(type, FetchStrategy.OLDEST, "w2", at(3));
        StepRecord advanced = record(c2, Outcome.ADVANCED, at(4), "second");
        Claim c3 = store.advance(c2, "second", "{}", "hash-1", null, advanced, at(60)).orElseThrow();
        StepRecord lost = record(c2, Outcome.COMPLETED, at(5), null);
        assertThat(store.complete(c2, lost)).isFalse();
        StepRecord completed = record(c3, Outcome.COMPLETED, at(6), null);
        store.complete(c3, completed);

        assertThat(store.history(id)).containsExactly(retried, advanced, completed);
        assertThat(store.history(id).get(0).attempt()).isEqualTo(1);
        assertThat(store.history(id).get(1).attempt()).isEqualTo(2);
    }

    @Test
    void purgeFinishedDeletesOnlyOldFinishedInstancesWithTheirHistory() {
        String type = uniqueType();
        // far in the past, so that a shared database's other rows are not in the window
        Instant old = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
        String oldCompleted = insertAndFinish(type, old, true);
        String oldCancelled = insertAndFinish(type, old, false);
        String oldWaiting = type + "-waiting";
        store.insert(newInstance(type, oldWaiting, old));
        String recentCompleted = insertAndFinish(type, old.plus(Duration.ofDays(2)), true);

        Instant before = old.plus(Duration.ofDays(1));
        while (store.purgeFinished(before, 1) == 1) {
            // drain in batches, as callers are told to
        }

        assertThat(store.find(oldCompleted)).isEmpty();
        assertThat(store.find(oldCancelled)).isEmpty();
        assertThat(store.history(oldCompleted)).isEmpty();
        assertThat(store.find(oldWaiting)).isPresent();
        assertThat(store.find(recentCompleted)).isPresent();
        assertThat(store.history(recentCompleted)).hasSize(1);
    }

    private String insertAndFinish(String type, Instant when, boolean complete) {
        String id = type + "-" + UUID.randomUUID();
        store.insert(newInstance(type, id, when));
        if (complete) {
            Claim claim = store.claim(Query.workflowType(type), FetchStrategy.NEWEST, "w", when, when.plusSeconds(60))
                    .orElseThrow();
            assertThat(claim.instanceId()).isEqualTo(id);
            assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, when.plusSeconds(1), null))).isTrue();
        } else {
            assertThat(store.cancel(id, when.plusSeconds(1))).isTrue();
        }
        return id;
    }

    // --- concurrency ---------------------------------------------------------------------------

    /** How many instances the concurrent test pushes through; override for slow stores. */
    protected int concurrentInstances() {
        return 400;
    }

    @Test
    void concurrentClaimersNeverGetTheSameInstanceAndVersion() throws Exception {
        concurrentClaimers(1);
    }

    @Test
    void concurrentBatchClaimersNeverGetTheSameInstanceAndVersion() throws Exception {
        concurrentClaimers(4);
    }

    private void concurrentClaimers(int batch) throws Exception {
        String type = uniqueType();
        int instances = concurrentInstances();
        for (int i = 0; i < instances; i++) {
            insert(type, at(0));
        }
        Set<String> claims = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger completions = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String worker = "w" + t;
                workers.add(threads.submit(() -> {
                    int released = 0;
                    while (true) {
                        List<Claim> claimed = batch == 1
                                ? store.claim(Query.workflowType(type), FetchStrategy.RANDOM, worker, at(1), at(3600))
                                        .map(List::of).orElse(List.of())
                                : store.claimBatch(Query.workflowType(type), FetchStrategy.RANDOM, worker, at(1),
                                        at(3600), batch);
                        if (claimed.isEmpty()) {
                            if (store.count(Query.workflowType(type), InstanceStatus.WAITING) == 0) {
                                return null;
                            }
                            continue;
                        }
                        for (Claim claim : claimed) {
                            if (!claims.add(claim.instanceId() + "@" + claim.version())) {
                                duplicates.incrementAndGet();
                            }
                            // give some back so that instances are claimed at several versions
                            if (released++ % 3 == 0) {
                                store.release(claim);
                            } else if (store.complete(claim, record(claim, Outcome.COMPLETED, at(2), null))) {
                                completions.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(duplicates).hasValue(0);
        assertThat(completions).hasValue(instances);
        assertThat(store.count(Query.workflowType(type), InstanceStatus.COMPLETED)).isEqualTo(instances);
        for (WorkflowInstance instance : store.list(Query.workflowType(type), null, 0, instances)) {
            assertThat(store.history(instance.instanceId())).hasSize(1);
        }
    }

    /**
     * Many transitions at once, half of them from claims that lost their instance to a later claim:
     * a store that writes concurrent transitions together (a group commit) must still settle each
     * on its own claim, so every stale one changes nothing and every current one happens, whichever
     * transitions share a transaction.
     */
    @Test
    void concurrentTransitionsWithLostRacesEachSettleOnTheirOwnClaim() throws Exception {
        String type = uniqueType();
        int instances = Math.min(concurrentInstances(), 400);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ids.add(insert(type, at(0)));
        }
        Map<String, Claim> stale = new ConcurrentHashMap<>();
        for (Claim claim : store.claimBatch(Query.workflowType(type), FetchStrategy.OLDEST, "old", at(1), at(31),
                instances)) {
            stale.put(claim.instanceId(), claim);
        }
        Map<String, Claim> current = new ConcurrentHashMap<>();
        for (Claim claim : store.claimBatch(Query.workflowType(type), FetchStrategy.OLDEST, "new", at(40),
                at(3600), instances)) {
            current.put(claim.instanceId(), claim);
        }
        assertThat(stale.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(ids);

        // each instance gets one stale and one current transition, of four kinds, in random order
        List<Callable<String>> transitions = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String id = ids.get(i);
            int kind = i % 4;
            for (boolean isCurrent : new boolean[] {false, true}) {
                Claim claim = isCurrent ? current.get(id) : stale.get(id);
                transitions.add(() -> {
                    boolean happened = switch (kind) {
                        case 0 -> store.advance(claim, "second", "{\"n\":2}", "hash-1", null,
                                record(claim, Outcome.ADVANCED, at(41), "second"), null).isPresent();
                        case 1 -> store.complete(claim, record(claim, Outcome.COMPLETED, at(41), null));
                        case 2 -> store.retryLater(claim, at(100), ErrorInfo.of("E", "boom"),
                                record(claim, Outcome.RETRY_SCHEDULED, at(41), null));
                        default -> store.markUnrecoverable(claim, ErrorInfo.of("E", "boom"),
                                record(claim, Outcome.UNRECOVERABLE, at(41), null));
                    };
                    return (isCurrent ? "current " : "stale ") + id + " " + happened;
                });
            }
        }
        Collections.shuffle(transitions, new Random(42));
        Set<String> outcomes = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<String> outcome : threads.invokeAll(transitions, 2, TimeUnit.MINUTES)) {
                outcomes.add(outcome.get());
            }
        } finally {
            threads.shutdownNow();
        }

        for (int i = 0; i < instances; i++) {
            String id = ids.get(i);
            assertThat(outcomes).contains("current " + id + " true", "stale " + id + " false");
            WorkflowInstance instance = get(id);
            assertThat(instance.version()).as("one transition of %s", id).isEqualTo(current.get(id).version() + 1);
            List<StepRecord> history = store.history(id);
            assertThat(history).as("history of %s", id).hasSize(1);
            assertThat(history.get(0).workerId()).isEqualTo("new");
            switch (i % 4) {
                case 0 -> assertThat(instance.step()).isEqualTo("second");
                case 1 -> assertThat(instance.status()).isEqualTo(InstanceStatus.COMPLETED);
                case 2 -> assertThat(instance.attempts()).isEqualTo(1);
                default -> assertThat(instance.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            }
        }
    }

    // --- state counts --------------------------------------------------------------------------

    @Test
    void stateCountsTellWhatTheInstancesAtEachStateAreDoing() {
        String type = uniqueType();
        insert(type, at(0));                                   // waiting at first
        insert(type, at(100));                                 // waiting at first, due later
        for (int i = 0; i < 4; i++) {
            insert(type, at(0));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(1), at(1).plus(LONG_LEASE)))
                    .isPresent();
        }
        // the four claims hold four of the five due rows; settle three of them three ways
        List<WorkflowInstance> leased = store.list(Query.workflowType(type), InstanceStatus.WAITING, 0, 10).stream()
                .filter(i -> i.isLeased(at(2))).toList();
        assertThat(leased).hasSize(4);
        Claim retry = new Claim(leased.get(0), "w1", leased.get(0).leaseUntil());
        Claim fail = new Claim(leased.get(1), "w1", leased.get(1).leaseUntil());
        Claim complete = new Claim(leased.get(2), "w1", leased.get(2).leaseUntil());
        assertThat(store.retryLater(retry, at(50), ErrorInfo.of("E", "x"), record(retry, Outcome.RETRY_SCHEDULED, at(2),
                null))).isTrue();
        assertThat(store.markUnrecoverable(fail, ErrorInfo.of("E", "x"), record(fail, Outcome.UNRECOVERABLE, at(2),
                null))).isTrue();
        assertThat(store.complete(complete, record(complete, Outcome.COMPLETED, at(2), null))).isTrue();

        List<StateCounts> counts = store.stateCounts(type, at(3), at(0));

        assertThat(counts).singleElement().satisfies(first -> {
            assertThat(first.state()).isEqualTo("first");
            assertThat(first.waiting()).isEqualTo(2);
            assertThat(first.running()).isEqualTo(1);
            assertThat(first.retrying()).isEqualTo(1);
            assertThat(first.unrecoverable()).isEqualTo(1);
            assertThat(first.completedSince()).isEqualTo(1);
        });
        assertThat(store.stateCounts(type, at(3), at(10)).get(0).completedSince()).isZero();
        assertThat(store.stateCounts(uniqueType(), at(3), at(0))).isEmpty();
    }

    @Test
    void recoverPutsBackOnlyTheInstanceItNames() {
        String type = uniqueType();
        String first = insert(type, at(0));
        String second = insert(type, at(0));
        for (int i = 0; i < 2; i++) {
            Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(1));
            assertThat(store.markUnrecoverable(claim, ErrorInfo.of("E", "x"),
                    record(claim, Outcome.UNRECOVERABLE, at(1), null))).isTrue();
        }

        assertThat(store.recover(first, at(2))).isTrue();

        assertThat(get(first).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(get(first).attempts()).isZero();
        assertThat(get(first).runAfter()).isEqualTo(at(2));
        assertThat(get(second).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(store.recover(first, at(3))).as("no longer unrecoverable").isFalse();
        assertThat(store.recover(type + "-nobody", at(3))).isFalse();
    }

    @Test
    void aPageListsOneStatusAtAStateByWhenItIsDueOldestOrNewestFirst() {
        String type = uniqueType();
        String late = insert(type, at(30));
        String early = insert(type, at(10));
        String middle = insert(type, at(20));
        Query query = Query.workflowType(type).step("first");

        assertThat(store.page(query, InstanceStatus.WAITING, false, 0, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(early, middle, late);
        assertThat(store.page(query, InstanceStatus.WAITING, true, 0, 2)).extracting(WorkflowInstance::instanceId)
                .containsExactly(late, middle);
        assertThat(store.page(query, InstanceStatus.WAITING, false, 2, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(late);
        assertThat(store.page(query, InstanceStatus.UNRECOVERABLE, false, 0, 10)).isEmpty();
    }

    @Test
    void aPageOfEveryStatusMergesThemByWhenDueOrFinishedAndAListByCreation() {
        String type = uniqueType();
        List<String> created = insertedOutOfOrder(type);
        String first = created.get(0);
        String second = created.get(1);
        String third = created.get(2);
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(40));
        assertThat(claim.instanceId()).isEqualTo(first);
        assertThat(store.complete(claim, record(claim, Outcome.COMPLETED, at(41), null))).isTrue();
        Query query = Query.workflowType(type);

        // waiting ones by when they are due (20, 30), the finished one by when it finished (41)
        assertThat(store.page(query, null, false, 0, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(second, third, first);
        assertThat(store.page(query, null, true, 0, 2)).extracting(WorkflowInstance::instanceId)
                .containsExactly(first, third);
        assertThat(store.page(query, null, true, 2, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(second);
        assertThat(store.page(query.step("first"), null, false, 1, 1)).extracting(WorkflowInstance::instanceId)
                .containsExactly(third);
        assertThat(store.count(query, null)).isEqualTo(3);
        assertThat(store.list(query, null, 1, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(second, third);
    }
}
