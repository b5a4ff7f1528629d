package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.WorkflowInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transitions that meet a commit in flight are written together in the next one, on each database:
 * every one guarded by its own claim (a lost race discards that transition alone), each thread
 * back only after the commit that holds its transition, and a batch that fails as a whole written
 * again one by one so that only the transition at fault fails.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GroupCommitTest {

    private JpaStateStore store;
    private ExecutorService threads;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String type = "GroupCommit" + UUID.randomUUID().toString().replace("-", "") + "Workflow";

    @AfterEach
    void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    /** A store with one commit of transitions in flight at a time, whatever its database's default. */
    private void open(String database) {
        store = builder(database).concurrentCommits(1).build();
        threads = Executors.newFixedThreadPool(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void transitionsArrivingDuringACommitShareTheNextOneAndLoseOnlyTheirOwnRaces(String database) throws Exception {
        open(database);
        List<Claim> stale = new ArrayList<>();
        List<Claim> current = new ArrayList<>();
        claimTwice(9, stale, current);
        GroupCommit groupCommit = store.groupCommit();
        long transactionsBefore = groupCommit.transactions();

        // the first transition holds its commit open until eight others wait behind it
        CountDownLatch queued = new CountDownLatch(1);
        Claim first = current.get(0);
        Future<Boolean> holder = threads.submit(() -> groupCommit.apply(new GroupCommit.Write("complete", first,
                "status = 'COMPLETED', updated_at = ?", (statement, vendor, index) -> {
                    try {
                        queued.await();
                    } catch (InterruptedException e) {
                        throw new java.sql.SQLException(e);
                    }
                    vendor.bind(statement, index, at(41));
                    return index + 1;
                }, record(first, Outcome.COMPLETED, "new"))));
        awaitCommitInFlight(groupCommit);
        List<Future<Boolean>> others = new ArrayList<>();
        for (int i = 1; i < 9; i++) {
            // odd: the current claim; even: the stale one, which lost its instance to the current one
            Claim claim = i % 2 == 1 ? current.get(i) : stale.get(i);
            int kind = i;
            others.add(threads.submit(() -> switch (kind % 3) {
                case 0 -> store.advance(claim, "second", "{\"n\":2}", "hash-1", null,
                        record(claim, Outcome.ADVANCED, "second"), null).isPresent();
                case 1 -> store.complete(claim, record(claim, Outcome.COMPLETED, null));
                default -> store.retryLater(claim, at(100), ErrorInfo.of("E", "boom"),
                        record(claim, Outcome.RETRY_SCHEDULED, null));
            }));
        }
        awaitWaiting(groupCommit, 8);
        for (Future<Boolean> other : others) {
            assertThat(other.isDone()).as("a transition returns only after its commit").isFalse();
        }
        queued.countDown();

        assertThat(holder.get()).isTrue();
        for (int i = 1; i < 9; i++) {
            assertThat(others.get(i - 1).get()).as("transition %d (%s claim)", i, i % 2 == 1 ? "current" : "stale")
                    .isEqualTo(i % 2 == 1);
        }
        assertThat(groupCommit.transactions() - transactionsBefore)
                .as("the held transition alone, then the eight behind it in one transaction").isEqualTo(2);
        assertThat(store.find(first.instanceId()).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
        for (int i = 1; i < 9; i++) {
            String id = current.get(i).instanceId();
            WorkflowInstance instance = store.find(id).orElseThrow();
            List<StepRecord> history = store.history(id);
            if (i % 2 == 1) {
                assertThat(instance.version()).isEqualTo(current.get(i).version() + 1);
                assertThat(history).extracting(StepRecord::workerId).containsExactly("new");
                switch (i % 3) {
                    case 0 -> assertThat(instance.step()).isEqualTo("second");
                    case 1 -> assertThat(instance.status()).isEqualTo(InstanceStatus.COMPLETED);
                    default -> assertThat(instance.attempts()).isEqualTo(1);
                }
            } else {
                assertThat(instance.version()).as("a lost race changes nothing").isEqualTo(current.get(i).version());
                assertThat(instance.step()).isEqualTo("first");
                assertThat(instance.status()).isEqualTo(InstanceStatus.WAITING);
                assertThat(history).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eachDatabaseHasItsOwnDefaultOneSharedCommitUnderLoadAndTheBuilderOverridesBoth(String database) {
        JpaStateStore.Builder builder = builder(database);
        store = builder.build();
        store.count(Query.all(), null);
        assertThat(store.groupCommit().concurrentCommits()).isEqualTo(switch (database) {
            case "h2" -> 1;
            case "postgresql" -> Integer.MAX_VALUE;
            default -> 2;
        });
        int calm = store.groupCommit().concurrentCommits();

        // many transitions at once: one commit shared by all, until few are written at once again
        for (int i = 0; i < 40; i++) {
            store.groupCommit().observe(16);
        }
        assertThat(store.groupCommit().busy()).isTrue();
        assertThat(store.groupCommit().concurrentCommits()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            store.groupCommit().observe(7);
        }
        assertThat(store.groupCommit().busy()).as("between the thresholds nothing changes").isTrue();
        for (int i = 0; i < 80; i++) {
            store.groupCommit().observe(1);
        }
        assertThat(store.groupCommit().busy()).isFalse();
        assertThat(store.groupCommit().concurrentCommits()).isEqualTo(calm);

        store.close();
        store = builder.concurrentCommits(3).build();
        store.count(Query.all(), null);
        assertThat(store.groupCommit().concurrentCommits()).isEqualTo(3);
        for (int i = 0; i < 40; i++) {
            store.groupCommit().observe(16);
        }
        assertThat(store.groupCommit().concurrentCommits()).as("a configured number is kept").isEqualTo(3);
        assertThatThrownBy(() -> JpaStateStore.builder().concurrentCommits(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aBatchThatFailsIsWrittenAgainOneByOneSoOnlyTheFaultyTransitionFails(String database) throws Exception {
        open(database);
        List<Claim> stale = new ArrayList<>();
        List<Claim> current = new ArrayList<>();
        claimTwice(5, stale, current);
        GroupCommit groupCommit = store.groupCommit();
        Claim faulty = current.get(4);
        // a step name longer than any column holds fails the statement it is in, and the batch with it
        String tooLong = "x".repeat(100_000);
        List<GroupCommit.Write> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Claim claim = i == 2 ? stale.get(i) : current.get(i);
            batch.add(new GroupCommit.Write("complete", claim, "status = 'COMPLETED', updated_at = ?",
                    (statement, vendor, index) -> {
                        vendor.bind(statement, index, at(41));
                        return index + 1;
                    }, record(claim, Outcome.COMPLETED, null)));
        }
        batch.add(new GroupCommit.Write("advance", faulty, "step = ?, updated_at = ?", (statement, vendor, index) -> {
            statement.setString(index, tooLong);
            vendor.bind(statement, index + 1, at(41));
            return index + 2;
        }, record(faulty, Outcome.ADVANCED, "next")));
        long transactionsBefore = groupCommit.transactions();

        CountDownLatch ready = new CountDownLatch(1);
        // written as one batch, the way a leader writes what waited behind it
        Future<?> leader = threads.submit(() -> {
            ready.await();
            groupCommit.writeAll(batch);
            return null;
        });
        ready.countDown();
        leader.get();

        assertThat(groupCommit.transactions() - transactionsBefore)
                .as("the batch rolled back, then four transitions committed one by one and the faulty one not")
                .isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            WorkflowInstance instance = store.find(current.get(i).instanceId()).orElseThrow();
            assertThat(batch.get(i).failure()).isNull();
            assertThat(batch.get(i).moved()).as("instance %d", i).isEqualTo(i != 2);
            assertThat(instance.status()).as("instance %d", i)
                    .isEqualTo(i == 2 ? InstanceStatus.WAITING : InstanceStatus.COMPLETED);
        }
        assertThat(batch.get(4).failure()).as("the faulty transition fails alone, naming its instance")
                .isInstanceOf(StoreException.class).hasMessageContaining(faulty.instanceId());
        WorkflowInstance untouched = store.find(faulty.instanceId()).orElseThrow();
        assertThat(untouched.step()).isEqualTo("first");
        assertThat(untouched.version()).isEqualTo(faulty.version());
        assertThat(store.history(faulty.instanceId())).isEmpty();
    }

    private static JpaStateStore.Builder builder(String database) {
        JpaStateStore.Builder builder = switch (database) {
            case "h2" -> JpaStateStore.builder().h2(Path.of("target", "h2-group-commit"));
            case "postgresql" -> JpaStateStore.builder().dataSource(Databases.postgres()).createSchema(true);
            default -> JpaStateStore.builder().dataSource(Databases.mariadb()).createSchema(true);
        };
        return builder.purgeInterval(Duration.ZERO);
    }

    /** Inserts {@code count} instances, claims them (stale, expired), then claims them again (current). */
    private void claimTwice(int count, List<Claim> stale, List<Claim> current) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = type + "-" + i;
            store.insert(new NewInstance(id, type, "first", "{\"n\":1}", t0.plusMillis(i), null, "hash-1",
                    t0.plusMillis(i)));
            ids.add(id);
        }
        for (String id : ids) {
            stale.add(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "old", at(1), at(31)).orElseThrow());
        }
        for (String id : ids) {
            current.add(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "new", at(40), at(3600))
                    .orElseThrow());
        }
        for (int i = 0; i < count; i++) {
            assertThat(stale.get(i).instanceId()).isEqualTo(ids.get(i));
            assertThat(current.get(i).instanceId()).isEqualTo(ids.get(i));
        }
    }

    private static void awaitCommitInFlight(GroupCommit groupCommit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!groupCommit.writing()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no commit in flight");
            }
            Thread.sleep(1);
        }
    }

    private static void awaitWaiting(GroupCommit groupCommit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (groupCommit.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(groupCommit.waiting() + " transitions wait, expected " + count);
            }
            Thread.sleep(1);
        }
    }

    private Instant at(long seconds) {
        return t0.plusSeconds(seconds);
    }

    private StepRecord record(Claim claim, Outcome outcome, String next) {
        return new StepRecord(claim.instanceId(), claim.instance().step(), claim.instance().attempts() + 1,
                claim.workerId(), at(40), at(41), outcome, next,
                outcome == Outcome.RETRY_SCHEDULED ? "boom" : null);
    }
}
