package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How every {@link StateStore} keeps forks and joins: branches as claimable rows of their own, a
 * parent that waits at its join until the last branch settles, settlements that are never lost when
 * sibling branches finish at the same moment on several threads, and recovery, cancellation and
 * purging that treat an instance and its branches as one workflow. Subclass it once per store, as
 * {@link StateStoreContract}.
 */
public abstract class ForkJoinContract extends StoreContractSupport {

    /** The join every fork of this suite waits at. */
    protected static final String JOIN = "merge";

    /** Inserts an instance of {@code type}, claims it and forks it into {@code branches} branches. */
    protected String forked(String type, int branches) {
        String id = insert(type, at(0));
        Claim claim = claimOne(type, id);
        assertThat(store.fork(claim, JOIN, branchesOf(id, branches), "hash-2", "00-fork",
                record(claim, Outcome.ADVANCED, at(1), "split"), null)).isPresent();
        return id;
    }

    /** {@code n} branches of {@code parent}, starting at steps {@code b0}, {@code b1}, … */
    protected static List<NewBranch> branchesOf(String parent, int n) {
        List<NewBranch> branches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            branches.add(new NewBranch(NewBranch.idOf(parent, "b" + i), "b" + i, "{\"branch\":" + i + "}"));
        }
        return branches;
    }

    /** Claims the due instance {@code id} of {@code type}, failing if another one comes first. */
    private Claim claimOne(String type, String id) {
        return claimOne(type, id, 1);
    }

    private Claim claimOne(String type, String id, long seconds) {
        Claim claim = claim(type, FetchStrategy.OLDEST, "w1", at(seconds));
        assertThat(claim.instanceId()).isEqualTo(id);
        return claim;
    }

    /** Claims every due branch of {@code type} at {@code now}, by id. */
    protected Map<String, Claim> claimAll(String type, long seconds) {
        Map<String, Claim> claims = new ConcurrentHashMap<>();
        Optional<Claim> claim;
        while ((claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w1", at(seconds),
                at(seconds).plus(LONG_LEASE))).isPresent()) {
            claims.put(claim.get().instanceId(), claim.get());
        }
        return claims;
    }

    protected OptionalInt finish(Claim branch, long seconds) {
        return store.finishBranch(branch, "{\"result\":\"" + branch.instance().step() + "\"}", "00-end-" + branch
                .instance().step(), record(branch, Outcome.ADVANCED, at(seconds), JOIN));
    }

    private boolean fail(Claim branch, long seconds) {
        return store.markUnrecoverable(branch, ErrorInfo.of("IllegalStateException", "card declined"),
                record(branch, Outcome.UNRECOVERABLE, at(seconds), null));
    }

    // --- fork ----------------------------------------------------------------------------------

    @Test
    void aForkParksTheParentAtItsJoinAndStartsEveryBranch() {
        String type = uniqueType();
        String id = forked(type, 3);

        WorkflowInstance parent = get(id);
        assertThat(parent.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(parent.step()).isEqualTo(JOIN);
        assertThat(parent.pendingBranches()).isEqualTo(3);
        assertThat(parent.diagramHash()).isEqualTo("hash-2");
        assertThat(parent.traceContext()).isEqualTo("00-fork");
        assertThat(parent.leaseOwner()).isNull();
        assertThat(parent.isBranch()).isFalse();

        List<WorkflowInstance> branches = store.branches(id);
        assertThat(branches).extracting(WorkflowInstance::instanceId)
                .containsExactly(id + "/b0", id + "/b1", id + "/b2");
        for (WorkflowInstance branch : branches) {
            assertThat(branch.parentId()).isEqualTo(id);
            assertThat(branch.status()).isEqualTo(InstanceStatus.WAITING);
            assertThat(branch.workflowType()).isEqualTo(type);
            assertThat(branch.version()).isZero();
            assertThat(branch.attempts()).isZero();
            assertThat(branch.runAfter()).isEqualTo(at(1));
            assertThat(branch.traceContext()).isEqualTo("00-fork");
            assertThat(branch.diagramHash()).isEqualTo("hash-2");
        }
        assertThat(branches.get(1).payload()).isEqualTo("{\"branch\":1}");
        assertThat(get(id + "/b2").step()).isEqualTo("b2");

        // the branches are due, the parent is not
        assertThat(claimAll(type, 2)).containsOnlyKeys(id + "/b0", id + "/b1", id + "/b2");
        // lists and counts are of workflow instances
        assertThat(store.list(Query.workflowType(type), null, 0, 10)).extracting(WorkflowInstance::instanceId)
                .containsExactly(id);
        assertThat(store.count(Query.workflowType(type), InstanceStatus.WAITING)).isEqualTo(1);
        assertThat(store.history(id)).extracting(StepRecord::outcome, StepRecord::nextStep)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.ADVANCED, "split"));
    }

    @Test
    void aForkOnALostClaimWritesNothing() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim stale = claimOne(type, id);
        assertThat(store.release(stale)).isTrue();

        assertThat(store.fork(stale, JOIN, branchesOf(id, 2), "hash-2", null,
                record(stale, Outcome.ADVANCED, at(1), "split"), null)).isEmpty();
        assertThat(get(id).step()).isEqualTo("first");
        assertThat(store.branches(id)).isEmpty();
        assertThat(store.find(id + "/b0")).isEmpty();
        assertThat(store.history(id)).isEmpty();
    }

    @Test
    void aForkThatKeepsTheLeaseHandsTheFirstBranchToTheCaller() {
        String type = uniqueType();
        String id = insert(type, at(0));
        Claim claim = claimOne(type, id);

        Claim first = store.fork(claim, JOIN, branchesOf(id, 2), "hash-2", null,
                record(claim, Outcome.ADVANCED, at(1), "split"), at(1).plus(LONG_LEASE)).orElseThrow();

        assertThat(first.instanceId()).isEqualTo(id + "/b0");
        assertThat(first.workerId()).isEqualTo("w1");
        assertThat(get(id + "/b0").isLeased(at(2))).isTrue();
        assertThat(claimAll(type, 2)).containsOnlyKeys(id + "/b1");
        // the caller runs it with the claim it was handed
        assertThat(finish(first, 3)).hasValue(1);
    }

    // --- join ----------------------------------------------------------------------------------

    @Test
    void theLastBranchToFinishMakesTheParentDueAtItsJoin() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);

        assertThat(finish(branches.get(id + "/b1"), 3)).hasValue(1);
        assertThat(get(id).pendingBranches()).isPositive();
        assertThat(claimAll(type, 4)).isEmpty();

        assertThat(finish(branches.get(id + "/b0"), 5)).hasValue(0);
        WorkflowInstance parent = get(id);
        assertThat(parent.pendingBranches()).isZero();
        assertThat(parent.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(parent.runAfter()).isEqualTo(at(5));

        WorkflowInstance b0 = get(id + "/b0");
        assertThat(b0.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(b0.payload()).isEqualTo("{\"result\":\"b0\"}");
        assertThat(b0.traceContext()).isEqualTo("00-end-b0");
        assertThat(b0.leaseOwner()).isNull();

        Claim merge = claimOne(type, id, 5);
        assertThat(merge.instance().step()).isEqualTo(JOIN);
        assertThat(store.branches(id)).extracting(WorkflowInstance::payload)
                .containsExactly("{\"result\":\"b0\"}", "{\"result\":\"b1\"}");
        assertThat(store.advance(merge, "ship", "{}", "hash-2", null, record(merge, Outcome.ADVANCED, at(6), "ship"),
                null)).isPresent();

        // the whole path: the fork, each branch's step, the merge
        assertThat(store.history(id)).extracting(StepRecord::instanceId, StepRecord::step).containsExactly(
                org.assertj.core.groups.Tuple.tuple(id, "first"),
                org.assertj.core.groups.Tuple.tuple(id + "/b1", "b1"),
                org.assertj.core.groups.Tuple.tuple(id + "/b0", "b0"),
                org.assertj.core.groups.Tuple.tuple(id, JOIN));
        assertThat(store.history(id + "/b0")).extracting(StepRecord::step).containsExactly("b0");
    }

    @Test
    void aBranchOnALostClaimSettlesNothing() {
        String type = uniqueType();
        String id = forked(type, 2);
        Claim b0 = claimAll(type, 2).get(id + "/b0");
        assertThat(store.release(b0)).isTrue();

        assertThat(finish(b0, 3)).isEmpty();
        assertThat(get(id).pendingBranches()).isEqualTo(2);
        assertThat(get(id).version()).as("the parent is untouched").isEqualTo(2);
        assertThat(get(id + "/b0").status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(store.history(id)).hasSize(1);
    }

    @Test
    void aBranchRetriesOnItsOwnWhileTheParentWaits() {
        String type = uniqueType();
        String id = forked(type, 2);
        Claim b0 = claimAll(type, 2).get(id + "/b0");

        assertThat(store.retryLater(b0, at(10), ErrorInfo.of("IOException", "stock service down"),
                record(b0, Outcome.RETRY_SCHEDULED, at(3), null))).isTrue();
        assertThat(get(id + "/b0").attempts()).isEqualTo(1);
        assertThat(get(id).pendingBranches()).isPositive();
        assertThat(get(id).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(claimAll(type, 9)).isEmpty();
        assertThat(claimAll(type, 10)).containsOnlyKeys(id + "/b0");
    }

    // --- failure, recovery, cancel, purge ---------------------------------------------------------

    @Test
    void aFailedBranchMakesTheParentUnrecoverableOnceItsSiblingsSettle() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);

        assertThat(fail(branches.get(id + "/b0"), 3)).isTrue();
        WorkflowInstance waiting = get(id);
        assertThat(waiting.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(waiting.pendingBranches()).isPositive();
        assertThat(waiting.lastError().type()).isEqualTo("BranchFailed");
        assertThat(waiting.lastError().message()).contains(id + "/b0").contains("b0").contains("card declined");

        assertThat(finish(branches.get(id + "/b1"), 4)).hasValue(0);
        WorkflowInstance failed = get(id);
        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.step()).isEqualTo(JOIN);
        assertThat(failed.lastError().message()).contains(id + "/b0");
        assertThat(get(id + "/b0").status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(get(id + "/b1").status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(claimAll(type, 5)).isEmpty();
    }

    @Test
    void recoveringAFailedBranchPutsOnlyItBackAndTheJoinWaitsForIt() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(fail(branches.get(id + "/b0"), 3)).isTrue();
        assertThat(finish(branches.get(id + "/b1"), 4)).hasValue(0);

        assertThat(store.recoverTasks(Query.workflowType(type).step("b0"), 10, at(5))).isEqualTo(1);

        WorkflowInstance parent = get(id);
        assertThat(parent.status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(parent.pendingBranches()).isEqualTo(1);
        assertThat(get(id + "/b1").status()).isEqualTo(InstanceStatus.COMPLETED);
        Map<String, Claim> again = claimAll(type, 5);
        assertThat(again).containsOnlyKeys(id + "/b0");
        assertThat(again.get(id + "/b0").instance().attempts()).isZero();
        assertThat(finish(again.get(id + "/b0"), 6)).hasValue(0);
        assertThat(claimAll(type, 7)).containsOnlyKeys(id);
    }

    @Test
    void recoveringTheParentRecoversItsFailedBranches() {
        String type = uniqueType();
        String id = forked(type, 3);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(fail(branches.get(id + "/b0"), 3)).isTrue();
        assertThat(fail(branches.get(id + "/b2"), 3)).isTrue();
        assertThat(finish(branches.get(id + "/b1"), 4)).hasValue(0);
        assertThat(get(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);

        assertThat(store.recoverTasks(Query.workflowType(type).step(JOIN), 10, at(5))).isEqualTo(2);

        assertThat(get(id).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(get(id).pendingBranches()).isEqualTo(2);
        assertThat(claimAll(type, 5)).containsOnlyKeys(id + "/b0", id + "/b2");
    }

    @Test
    void recoveringOneWorkflowByIdPutsBackItsFailedBranches() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(fail(branches.get(id + "/b0"), 3)).isTrue();
        assertThat(finish(branches.get(id + "/b1"), 4)).hasValue(0);

        assertThat(store.recover(id, at(5))).isTrue();

        assertThat(get(id).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(get(id).pendingBranches()).isEqualTo(1);
        assertThat(claimAll(type, 5)).containsOnlyKeys(id + "/b0");
    }

    @Test
    void aRecheckOfAParentWithAnUnsettledBranchLeavesItWaiting() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(finish(branches.get(id + "/b0"), 3)).hasValue(1);
        WorkflowInstance parent = get(id);

        assertThat(store.checkJoin(new Claim(parent, "w2", at(3).plus(LONG_LEASE)), at(3), at(600))).isEmpty();

        assertThat(get(id).status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(get(id).pendingBranches()).isPositive();
        assertThat(get(id).leaseOwner()).isNull();
        assertThat(claimAll(type, 4)).isEmpty();
        // the last branch still releases it
        assertThat(finish(branches.get(id + "/b1"), 5)).hasValue(0);
        assertThat(claimAll(type, 6)).containsOnlyKeys(id);
    }

    @Test
    void cancellingTheParentCancelsItsUnsettledBranches() {
        String type = uniqueType();
        String id = forked(type, 3);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(finish(branches.get(id + "/b0"), 3)).hasValue(2);

        assertThat(store.cancel(id + "/b1", at(4))).isFalse();
        assertThat(store.cancel(id, at(4))).isTrue();

        assertThat(get(id).status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(get(id + "/b0").status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(get(id + "/b1").status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(get(id + "/b2").status()).isEqualTo(InstanceStatus.CANCELLED);
        // a branch step still running when the cancel came: its result is discarded
        assertThat(finish(branches.get(id + "/b1"), 5)).isEmpty();
        assertThat(claimAll(type, 6)).isEmpty();
    }

    @Test
    void branchesArePurgedWithTheirParentAndNeverBefore() {
        String type = uniqueType();
        String id = forked(type, 2);
        Map<String, Claim> branches = claimAll(type, 2);
        assertThat(finish(branches.get(id + "/b0"), 3)).hasValue(1);

        purgeAll();
        assertThat(store.find(id + "/b0")).isPresent();

        assertThat(finish(branches.get(id + "/b1"), 4)).hasValue(0);
        Claim merge = claimOne(type, id, 4);
        assertThat(store.complete(merge, record(merge, Outcome.COMPLETED, at(5), null))).isTrue();
        purgeAll();

        assertThat(store.find(id)).isEmpty();
        assertThat(store.find(id + "/b0")).isEmpty();
        assertThat(store.find(id + "/b1")).isEmpty();
        assertThat(store.history(id)).isEmpty();
        assertThat(store.branches(id)).isEmpty();
    }

    /** Purges everything finished an hour after the test's start, however much a shared database holds. */
    private void purgeAll() {
        while (store.purgeFinished(at(3600), 1000) == 1000) {
            // more to go
        }
    }

    // --- concurrency ----------------------------------------------------------------------------

    @Test
    void siblingsSettlingAtTheSameMomentOnManyThreadsLoseNoSettlement() throws Exception {
        String type = uniqueType();
        int parents = 30;
        int width = 4;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parents; i++) {
            ids.add(forked(type, width));
        }
        Map<String, Claim> claims = claimAll(type, 2);
        assertThat(claims).hasSize(parents * width);

        // every branch of every parent finishes at once, from 4 threads, siblings interleaved;
        // one branch in ten fails instead
        Map<String, AtomicInteger> lastOnes = new ConcurrentHashMap<>();
        List<Claim> work = new ArrayList<>(claims.values());
        work.sort(java.util.Comparator.comparing(c -> c.instance().step()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Claim claim : work) {
                futures.add(pool.submit(() -> {
                    boolean failing = claim.instanceId().hashCode() % 10 == 0;
                    if (failing) {
                        assertThat(fail(claim, 3)).isTrue();
                    } else if (finish(claim, 3).orElseThrow() == 0) {
                        lastOnes.computeIfAbsent(claim.instance().parentId(), p -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int due = 0;
        for (String id : ids) {
            WorkflowInstance parent = get(id);
            assertThat(parent.pendingBranches()).as("pending branches of %s", id).isZero();
            boolean anyFailed = store.branches(id).stream().anyMatch(b -> b.status() == InstanceStatus.UNRECOVERABLE);
            assertThat(parent.status()).as("status of %s", id)
                    .isEqualTo(anyFailed ? InstanceStatus.UNRECOVERABLE : InstanceStatus.WAITING);
            if (!anyFailed) {
                due++;
                // the last to settle sees 0; with stores that release the parent after the commit, two
                // siblings settling at the same moment may both see it
                assertThat(lastOnes.get(id)).as("finishers that saw 0 for %s", id).isNotNull();
                assertThat(lastOnes.get(id).get()).as("finishers that saw 0 for %s", id).isBetween(1, width);
            }
        }
        // each parent that can merge is claimable exactly once
        assertThat(claimAll(type, 4)).hasSize(due).containsOnlyKeys(ids.stream()
                .filter(id -> get(id).status() == InstanceStatus.WAITING).toList());
    }
}
