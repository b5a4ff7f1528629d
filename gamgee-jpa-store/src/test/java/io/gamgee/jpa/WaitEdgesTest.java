package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.SendResult;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.EventDelivery;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the relational store adds to the wait contract: an event sent while its instance reaches
 * the wait (a delivery and an {@code await} of one instance at once) moves it on exactly once and
 * never deadlocks, whichever locks first; one event sent from several nodes while the timer fires
 * moves the instance once; a delayed step of a fork's branch.
 */
class WaitEdgesTest {

    private static final Duration LEASE = Duration.ofHours(1);
    private static final Map<String, String> ACCEPTS = Map.of("captured", "ship");

    private static JpaStateStore store(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> JpaStateStore.builder().dataSource(Databases.postgres(Databases.WAIT_SCHEMA))
                    .createSchema(true).purgeInterval(Duration.ZERO).build();
            case MARIADB -> JpaStateStore.builder().dataSource(Databases.mariadb(Databases.WAIT_SCHEMA))
                    .createSchema(true).purgeInterval(Duration.ZERO).build();
            default -> JpaStateStore.builder().h2(Path.of("target", "h2-wait-edges")).h2PoolSize(16)
                    .purgeInterval(Duration.ZERO).build();
        };
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void anEventSentWhileItsInstanceReachesTheWaitMovesItOnOnce(Dialect dialect) throws Exception {
        try (JpaStateStore store = store(dialect)) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int round = 0; round < 20; round++) {
                String type = type();
                String id = insert(store, type, t0);
                Claim claim = claim(store, type, t0.plusSeconds(1));
                String eventId = "evt-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Object> results = race(List.of(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store.await(claim, "paid", "{}", ACCEPTS, t0.plusSeconds(100), "hash", null,
                            record(claim, t0.plusSeconds(1), "paid")).orElseThrow();
                }, () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store.deliver(captured(type, id, eventId, t0.plusSeconds(1)));
                }));

                SendResult sent = (SendResult) results.get(1);
                WorkflowInstance awaited = (WorkflowInstance) results.get(0);
                assertThat(sent).as("round %s", round).isIn(SendResult.QUEUED, SendResult.DELIVERED);
                // queued: the await consumed it and moved on at once; delivered: the await parked first
                assertThat(awaited.step()).isEqualTo(sent == SendResult.QUEUED ? "ship" : "paid");
                WorkflowInstance stored = store.find(id).orElseThrow();
                assertThat(stored.step()).isEqualTo("ship");
                assertThat(stored.version()).isEqualTo(claim.version() + (sent == SendResult.QUEUED ? 1 : 2));
                assertThat(store.history(id)).extracting(StepRecord::step, StepRecord::workerId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("first", "w"),
                        org.assertj.core.groups.Tuple.tuple("paid", "event:" + eventId));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void oneEventFromFourNodesWhileTheTimerFiresMovesTheInstanceOnce(Dialect dialect) throws Exception {
        try (JpaStateStore store = store(dialect)) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int round = 0; round < 10; round++) {
                String type = type();
                String id = insert(store, type, t0);
                Claim claim = claim(store, type, t0.plusSeconds(1));
                store.await(claim, "paid", "{}", ACCEPTS, t0.plusSeconds(10), "hash", null,
                        record(claim, t0.plusSeconds(1), "paid")).orElseThrow();
                CyclicBarrier start = new CyclicBarrier(5);
                List<Callable<Object>> tasks = new ArrayList<>();
                for (int node = 0; node < 4; node++) {
                    tasks.add(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store.deliver(captured(type, id, "webhook", t0.plusSeconds(11)));
                    });
                }
                tasks.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    Optional<Claim> timer = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "timer",
                            t0.plusSeconds(11), t0.plusSeconds(11).plus(LEASE));
                    return timer.filter(t -> t.instance().step().equals("paid"))
                            .flatMap(t -> store.advance(t, "remind", "{}", "hash", null,
                                    record(t, t0.plusSeconds(11), "remind"), null))
                            .isPresent();
                });
                List<Object> results = race(tasks);

                boolean timerWon = Boolean.TRUE.equals(results.get(4));
                List<Object> sends = results.subList(0, 4);
                long delivered = sends.stream().filter(SendResult.DELIVERED::equals).count();
                long queued = sends.stream().filter(SendResult.QUEUED::equals).count();
                assertThat(sends).as("round %s", round)
                        .isSubsetOf(SendResult.DELIVERED, SendResult.QUEUED, SendResult.DUPLICATE);
                assertThat(delivered + queued).as("sends kept in round %s: %s", round, sends).isEqualTo(1);
                assertThat(timerWon).as("timer in round %s: %s", round, sends).isEqualTo(queued == 1);
                assertThat(store.find(id).orElseThrow().step()).isEqualTo(timerWon ? "remind" : "ship");
                assertThat(store.history(id).stream().filter(r -> r.step().equals("paid")).count()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aBranchStepIsDelayedLikeAnyOther(Dialect dialect) {
        try (JpaStateStore store = store(dialect)) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String type = type();
            String id = insert(store, type, t0);
            Claim parent = claim(store, type, t0.plusSeconds(1));
            Claim branch = store.fork(parent, "merge", List.of(new NewBranch(NewBranch.idOf(id, "a"), "a", "{}"),
                    new NewBranch(NewBranch.idOf(id, "b"), "b", "{}")), "hash", null,
                    record(parent, t0.plusSeconds(1), "split"), t0.plus(LEASE)).orElseThrow();

            assertThat(store.advanceLater(branch, "a2", "{\"later\":1}", "hash", null,
                    record(branch, t0.plusSeconds(2), "a2"), t0.plusSeconds(60))).isTrue();

            WorkflowInstance delayed = store.find(branch.instanceId()).orElseThrow();
            assertThat(delayed.step()).isEqualTo("a2");
            assertThat(delayed.runAfter()).isEqualTo(t0.plusSeconds(60));
            assertThat(delayed.leaseOwner()).isNull();
            assertThat(delayed.parentId()).isEqualTo(id);
            Claim other = claim(store, type, t0.plusSeconds(59));
            assertThat(other.instanceId()).isEqualTo(NewBranch.idOf(id, "b"));
            assertThat(store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(59),
                    t0.plus(LEASE))).isEmpty();
            assertThat(claim(store, type, t0.plusSeconds(60)).instance().step()).isEqualTo("a2");
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.WAITING);
        }
    }

    private static String type() {
        return "Wait" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String insert(JpaStateStore store, String type, Instant at) {
        String id = type + "-1";
        assertThat(store.insert(new NewInstance(id, type, "first", "{}", at, null, "hash", at))).isTrue();
        return id;
    }

    private static Claim claim(JpaStateStore store, String type, Instant now) {
        return store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", now, now.plus(LEASE)).orElseThrow();
    }

    private static StepRecord record(Claim claim, Instant at, String next) {
        return new StepRecord(claim.instanceId(), claim.instance().step(), 1, claim.workerId(), at, at,
                Outcome.ADVANCED, next, null);
    }

    private static EventDelivery captured(String type, String id, String eventId, Instant at) {
        return new EventDelivery(id, type, "captured", eventId, "{\"via\":\"" + eventId + "\"}",
                Map.of("paid", "ship"), null, at);
    }

    private static List<Object> race(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
