package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.Query;
import io.gamgee.core.store.Claim;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewBranch;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.WorkflowInstance;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the relational store adds to the fork/join contract: settlements of many siblings on more
 * threads than branches while other threads claim, a failed branch of a cancelled workflow that
 * recovery leaves alone, and forks inside branches, which are refused without writing anything.
 */
class ForkJoinEdgesTest {

    private static final Duration LEASE = Duration.ofHours(1);

    private static JpaStateStore store(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> JpaStateStore.builder().dataSource(Databases.postgres(Databases.FORK_SCHEMA))
                    .createSchema(true).purgeInterval(Duration.ZERO).build();
            case MARIADB -> JpaStateStore.builder().dataSource(Databases.mariadb(Databases.FORK_SCHEMA))
                    .createSchema(true).purgeInterval(Duration.ZERO).build();
            default -> JpaStateStore.builder().h2(Path.of("target", "h2-fork-edges")).h2PoolSize(16)
                    .purgeInterval(Duration.ZERO).build();
        };
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void manySiblingsSettlingOnEightThreadsWhileOthersClaimLoseNothing(Dialect dialect) throws Exception {
        try (JpaStateStore store = store(dialect)) {
            String type = type();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            int parents = 40;
            int width = 6;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < parents; i++) {
                ids.add(forked(store, type, t0, width));
            }
            List<Claim> claims = new ArrayList<>();
            Optional<Claim> claim;
            while ((claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(2),
                    t0.plus(LEASE))).isPresent()) {
                claims.add(claim.get());
            }
            assertThat(claims).hasSize(parents * width);
            Collections.shuffle(claims, new Random(7));

            Map<String, AtomicInteger> lastOnes = new ConcurrentHashMap<>();
            List<String> failing = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < claims.size(); i++) {
                    Claim branch = claims.get(i);
                    boolean fail = i % 17 == 0;
                    if (fail) {
                        failing.add(branch.instance().parentId());
                    }
                    futures.add(pool.submit(() -> {
                        Instant at = t0.plusSeconds(3);
                        if (fail) {
                            assertThat(store.markUnrecoverable(branch, ErrorInfo.of("IOException", "down"),
                                    record(branch, Outcome.UNRECOVERABLE, at))).isTrue();
                        } else {
                            OptionalInt left = store.finishBranch(branch, "{}", null, record(branch, Outcome.ADVANCED,
                                    at));
                            if (left.orElseThrow() == 0) {
                                lastOnes.computeIfAbsent(branch.instance().parentId(), p -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                // two threads claim the whole time: none of the parents may be taken before it is due
                for (int c = 0; c < 2; c++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            store.claim(Query.workflowType(type).step("nowhere"), FetchStrategy.OLDEST, "c",
                                    t0.plusSeconds(2), t0.plus(LEASE));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            int due = 0;
            for (String id : ids) {
                WorkflowInstance parent = store.find(id).orElseThrow();
                assertThat(parent.pendingBranches()).as("pending of %s", id).isZero();
                boolean failed = failing.contains(id);
                assertThat(parent.status()).as("status of %s", id)
                        .isEqualTo(failed ? InstanceStatus.UNRECOVERABLE : InstanceStatus.WAITING);
                if (failed) {
                    assertThat(parent.lastError().type()).isEqualTo("BranchFailed");
                } else {
                    due++;
                    // the parent is released after the settlements commit: the last to count sees 0, and
                    // two siblings counting after both committed may both see it (one release applies)
                    assertThat(lastOnes.get(id)).as("finishers that saw 0 for %s", id).isNotNull();
                    assertThat(parent.runAfter()).isEqualTo(t0.plusSeconds(3));
                }
                assertThat(store.history(id)).hasSize(1 + width);
            }
            List<String> merged = new ArrayList<>();
            while ((claim = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(4),
                    t0.plus(LEASE))).isPresent()) {
                merged.add(claim.get().instanceId());
            }
            assertThat(merged).hasSize(due).doesNotHaveDuplicates().allMatch(ids::contains);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aFailedBranchOfACancelledWorkflowStaysAsItIs(Dialect dialect) {
        try (JpaStateStore store = store(dialect)) {
            String type = type();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String id = forked(store, type, t0, 2);
            Claim b0 = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(2),
                    t0.plus(LEASE)).orElseThrow();
            assertThat(store.markUnrecoverable(b0, ErrorInfo.of("IOException", "down"),
                    record(b0, Outcome.UNRECOVERABLE, t0.plusSeconds(3)))).isTrue();
            assertThat(store.cancel(id, t0.plusSeconds(4))).isTrue();

            assertThat(store.recoverTasks(Query.workflowType(type), 10, t0.plusSeconds(5))).isZero();
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.CANCELLED);
            assertThat(store.find(b0.instanceId()).orElseThrow().status()).isEqualTo(InstanceStatus.UNRECOVERABLE);

            // purged with its workflow, though it never finished
            store.purgeFinished(t0.plusSeconds(3600), 1000);
            assertThat(store.find(id)).isEmpty();
            assertThat(store.find(b0.instanceId())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aBranchCannotForkAndNothingIsWritten(Dialect dialect) {
        try (JpaStateStore store = store(dialect)) {
            String type = type();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String id = forked(store, type, t0, 2);
            Claim b0 = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(2),
                    t0.plus(LEASE)).orElseThrow();

            assertThatThrownBy(() -> store.fork(b0, "inner", List.of(new NewBranch(b0.instanceId() + "/x", "x", "{}"),
                    new NewBranch(b0.instanceId() + "/y", "y", "{}")), "h", null,
                    record(b0, Outcome.ADVANCED, t0.plusSeconds(3)), null))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("forks inside branches are not supported")
                    .satisfies(e -> assertThat(((StoreException) e).isRetryable()).isFalse());
            assertThat(store.find(b0.instanceId()).orElseThrow().version()).isEqualTo(b0.version());
            assertThat(store.branches(b0.instanceId())).isEmpty();
            assertThat(store.history(id)).hasSize(1);
        }
    }

    /**
     * A worker that dies between a branch's commit and the parent's release (simulated: the last
     * branch completed by SQL behind the store's back) loses nothing: the parent is due for a
     * re-check a minute after the fork, and the re-check hands it over for the merge; a re-check
     * while a branch still runs leaves it waiting until the time given.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aParentWhoseReleaseWasLostIsFoundByItsRecheck(Dialect dialect) throws Exception {
        javax.sql.DataSource dataSource = switch (dialect) {
            case POSTGRESQL -> Databases.postgres(Databases.FORK_SCHEMA);
            case MARIADB -> Databases.mariadb(Databases.FORK_SCHEMA);
            default -> {
                org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
                h2.setURL("jdbc:h2:mem:recheck;DB_CLOSE_DELAY=-1");
                yield h2;
            }
        };
        try (JpaStateStore store = JpaStateStore.builder().dataSource(dataSource).createSchema(true)
                .purgeInterval(Duration.ZERO).build()) {
            String type = type();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String id = forked(store, type, t0, 2);
            Claim b0 = store.claim(Query.workflowType(type), FetchStrategy.OLDEST, "w", t0.plusSeconds(2),
                    t0.plus(LEASE)).orElseThrow();
            assertThat(store.finishBranch(b0, "{}", null, record(b0, Outcome.ADVANCED, t0.plusSeconds(2))))
                    .hasValue(1);

            // due for its first re-check a minute after the fork, not before
            Query parents = Query.workflowType(type).step("merge");
            assertThat(store.claim(parents, FetchStrategy.OLDEST, "w", t0.plusSeconds(60), t0.plus(LEASE))).isEmpty();
            Claim early = store.claim(parents, FetchStrategy.OLDEST, "w", t0.plusSeconds(61), t0.plus(LEASE))
                    .orElseThrow();
            assertThat(early.instance().pendingBranches()).isPositive();
            // one branch still runs: it waits again
            assertThat(store.checkJoin(early, t0.plusSeconds(61), t0.plusSeconds(300))).isEmpty();
            assertThat(store.claim(parents, FetchStrategy.OLDEST, "w", t0.plusSeconds(299), t0.plus(LEASE))).isEmpty();

            String other = id.equals(b0.instance().parentId()) ? NewBranch.idOf(id, b0.instance().step().equals("b0")
                    ? "b1" : "b0") : null;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement done = connection.prepareStatement(
                            "UPDATE gamgee_instance SET status = 'COMPLETED', version = version + 1 WHERE instance_id = ?")) {
                done.setString(1, other);
                assertThat(done.executeUpdate()).isEqualTo(1);
            }

            Claim late = store.claim(parents, FetchStrategy.OLDEST, "w", t0.plusSeconds(300), t0.plus(LEASE))
                    .orElseThrow();
            Claim ready = store.checkJoin(late, t0.plusSeconds(300), t0.plusSeconds(900)).orElseThrow();
            assertThat(ready.instance().pendingBranches()).isZero();
            assertThat(ready.instance().leaseOwner()).isEqualTo("w");
            assertThat(store.advance(ready, "next", "{}", "h", null, record(ready, Outcome.ADVANCED,
                    t0.plusSeconds(300)), null)).isPresent();
        }
    }

    private static String type() {
        return "Edges" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String forked(JpaStateStore store, String type, Instant t0, int width) {
        String id = type + "-" + UUID.randomUUID();
        assertThat(store.insert(new NewInstance(id, type, "first", "{}", t0, null, "h", t0))).isTrue();
        Claim claim = store.claim(Query.workflowType(type).step("first"), FetchStrategy.OLDEST, "w", t0.plusSeconds(1),
                t0.plus(LEASE)).orElseThrow();
        assertThat(claim.instanceId()).isEqualTo(id);
        List<NewBranch> branches = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            branches.add(new NewBranch(NewBranch.idOf(id, "b" + i), "b" + i, "{}"));
        }
        assertThat(store.fork(claim, "merge", branches, "h", null, record(claim, Outcome.ADVANCED, t0.plusSeconds(1)),
                null)).isPresent();
        return id;
    }

    private static StepRecord record(Claim claim, Outcome outcome, Instant at) {
        return new StepRecord(claim.instanceId(), claim.instance().step(), 1, claim.workerId(), at.minusMillis(5), at,
                outcome, outcome == Outcome.ADVANCED ? "merge" : null, outcome == Outcome.UNRECOVERABLE ? "down" : null);
    }
}
