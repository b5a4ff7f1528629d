package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.TransactionJoiner;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.core.store.StoreException;
import io.gamgee.core.store.StoreUnavailableException;
import io.gamgee.core.store.WorkflowInstance;
import io.gamgee.test.workflows.PaymentWorkflow;
import io.gamgee.test.workflows.PaymentWorkflowBase;
import io.gamgee.test.workflows.PaymentWorkflowBase.RequestPaymentPayload;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    private static final Query THREE_STEPS = Query.workflowType("ThreeStepWorkflow");

    @Test
    void eightThreadsRunTwentyThousandWorkflowsEachExactlyOnce() throws Exception {
        int workflows = 20_000;
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch lastSteps = new CountDownLatch(workflows);
        WorkflowRegistry registry = countingLastSteps(lastSteps);
        WorkflowClient client = WorkflowClient.create(store, registry);
        WorkerPool pool = WorkerPool.builder(registry, store).threads(8).fetchStrategy(FetchStrategy.RANDOM)
                .openTelemetry(OpenTelemetry.noop()).build().start();
        try {
            for (int i = 0; i < workflows; i++) {
                client.submit(ThreeStepWorkflow.class, new APayload(i));
            }
            assertThat(lastSteps.await(5, TimeUnit.MINUTES)).as("all workflows finished").isTrue();
        } finally {
            pool.close();
        }

        assertThat(pool.isRunning()).isFalse();
        assertThat(store.count(THREE_STEPS, InstanceStatus.COMPLETED)).isEqualTo(workflows);
        assertThat(pool.stepsExecuted()).isEqualTo(3L * workflows);
        assertThat(pool.stepFailures()).isZero();
        assertThat(store.getStats().tasksRemaining()).isZero();
        for (WorkflowInstance instance : store.list(THREE_STEPS, null, 0, workflows)) {
            assertThat(instance.leaseOwner()).as("nothing stays leased").isNull();
            assertThat(store.history(instance.instanceId()))
                    .extracting(StepRecord::step, StepRecord::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a", Outcome.ADVANCED),
                            org.assertj.core.groups.Tuple.tuple("b", Outcome.ADVANCED),
                            org.assertj.core.groups.Tuple.tuple("c", Outcome.COMPLETED));
        }
    }

    @Test
    void closeLetsARunningStepFinishAndThenClaimsNothing() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("a")) {
                inStep.countDown();
                await(proceed);
            }
        }));
        WorkflowClient client = WorkflowClient.create(store, registry);
        WorkerPool pool = WorkerPool.builder(registry, store).threads(1).openTelemetry(OpenTelemetry.noop())
                .build().start();
        String id = client.submit(ThreeStepWorkflow.class, new APayload(1));
        assertThat(inStep.await(1, TimeUnit.MINUTES)).isTrue();

        Thread closer = new Thread(() -> pool.close(Duration.ofMinutes(1)));
        closer.start();
        while (pool.isRunning()) {
            Thread.onSpinWait(); // until close has begun: the step must finish during the drain
        }
        proceed.countDown();
        closer.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(closer.isAlive()).isFalse();
        WorkflowInstance drained = store.find(id).orElseThrow();
        assertThat(drained.step()).as("the running step's transition was written").isEqualTo("b");
        assertThat(drained.leaseOwner()).as("the kept lease was released").isNull();
        assertThat(store.history(id)).hasSize(1);
        String later = client.submit(ThreeStepWorkflow.class, new APayload(2));
        assertThat(store.find(later).orElseThrow().version()).as("a closed pool claims nothing").isZero();
    }

    @Test
    void closeReleasesTheLeaseOfAStepThatOutlivesTheDrainTimeout() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            inStep.countDown();
            await(proceed);
        }));
        WorkerPool pool = WorkerPool.builder(registry, store).threads(1).openTelemetry(OpenTelemetry.noop())
                .build().start();
        String id = WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1));
        assertThat(inStep.await(1, TimeUnit.MINUTES)).isTrue();

        pool.close(Duration.ofMillis(50));
        WorkflowInstance released = store.find(id).orElseThrow();
        proceed.countDown();

        assertThat(released.leaseOwner()).isNull();
        assertThat(released.step()).isEqualTo("a");
        assertThat(store.history(id)).as("the abandoned step's result is discarded").isEmpty();
    }

    @Test
    void aSubmitInTheSameJvmWakesAnIdlePoolAtOnce() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        // with an hour between polls, only the wake-up can start the workflow within the test
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(2).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start()) {

            WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void aFailingStoreIsRetriedAndNeverKillsAWorker() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        AtomicInteger failingClaims = new AtomicInteger(3);
        StateStore flaky = around(memory, (method, args, proceed) -> {
            if (method.getName().startsWith("claim") && failingClaims.getAndDecrement() > 0) {
                throw new StoreUnavailableException("connection refused", null);
            }
            return proceed.call();
        });
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        try (LogRecorder log = LogRecorder.of(WorkerPool.class);
                WorkerPool pool = WorkerPool.builder(registry, flaky).threads(1).pollInterval(Duration.ofMillis(20))
                        .openTelemetry(OpenTelemetry.noop()).build().start()) {
            String id = WorkflowClient.create(flaky, registry).submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
            pool.close();
            assertThat(memory.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
            // one warning for the cause, its stack trace once, however often it was retried
            assertThat(log.warnings()).hasSize(1);
            assertThat(log.warnings().get(0).getMessage()).contains("connection refused");
            assertThat(log.warnings().get(0).getThrown()).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(failingClaims.get()).isNegative();
    }

    @Test
    void oneStoreCallClaimsABatchAndTheClaimsWaitingInThePoolAreRunInTurn() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StateStore store = counting(memory, batches, new AtomicInteger());
        CountDownLatch done = new CountDownLatch(3);
        WorkflowRegistry registry = countingLastSteps(done);
        WorkflowClient client = WorkflowClient.create(store, registry);
        List<String> ids = List.of(client.submit(ThreeStepWorkflow.class, new APayload(1)),
                client.submit(ThreeStepWorkflow.class, new APayload(2)),
                client.submit(ThreeStepWorkflow.class, new APayload(3)));

        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).claimBatch(3)
                .pollInterval(Duration.ofHours(1)).openTelemetry(OpenTelemetry.noop()).build().start()) {
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(batches).as("claims per store call").startsWith(3);
        assertThat(batches.stream().filter(size -> size > 0)).hasSize(1);
        for (String id : ids) {
            assertThat(memory.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
        }
    }

    @Test
    void closeReleasesTheClaimsWaitingInThePool() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            inStep.countDown();
            await(proceed);
        }));
        WorkflowClient client = WorkflowClient.create(store, registry);
        List<String> ids = List.of(client.submit(ThreeStepWorkflow.class, new APayload(1)),
                client.submit(ThreeStepWorkflow.class, new APayload(2)),
                client.submit(ThreeStepWorkflow.class, new APayload(3)));
        WorkerPool pool = WorkerPool.builder(registry, store).threads(1).claimBatch(3)
                .openTelemetry(OpenTelemetry.noop()).build().start();
        assertThat(inStep.await(1, TimeUnit.MINUTES)).isTrue();

        pool.close(Duration.ofMillis(50));
        proceed.countDown();

        for (String id : ids) {
            WorkflowInstance instance = store.find(id).orElseThrow();
            assertThat(instance.leaseOwner()).as("lease of %s", id).isNull();
            assertThat(instance.step()).isEqualTo("a");
            assertThat(instance.version()).as("claimed once, released once").isEqualTo(2);
        }
    }

    @Test
    void aClaimThatWaitedPastHalfItsLeaseIsRenewedBeforeItRuns() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        AtomicInteger renewals = new AtomicInteger();
        StateStore store = counting(memory, new CopyOnWriteArrayList<>(), renewals);
        TestClock clock = new TestClock();
        CountDownLatch inFirstStep = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        AtomicInteger firstSteps = new AtomicInteger();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("a") && firstSteps.getAndIncrement() == 0) {
                inFirstStep.countDown();
                await(proceed);
            }
            if (step.equals("c")) {
                done.countDown();
            }
        }));
        WorkflowClient client = WorkflowClient.create(store, registry, clock);
        client.submit(ThreeStepWorkflow.class, new APayload(1));
        String waiting = client.submit(ThreeStepWorkflow.class, new APayload(2));

        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).claimBatch(2).clock(clock)
                .lease(Duration.ofSeconds(30)).openTelemetry(OpenTelemetry.noop()).build().start()) {
            assertThat(inFirstStep.await(1, TimeUnit.MINUTES)).isTrue();
            clock.advance(Duration.ofSeconds(20)); // the waiting claim has 10 of its 30 s left
            proceed.countDown();
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(renewals).as("renewals of the waiting claim").hasValue(1);
        assertThat(memory.find(waiting).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    @Test
    void aDueSubmitGoesStraightToAnIdleThreadWithoutAClaim() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StateStore store = counting(memory, batches, new AtomicInteger());
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(2).pollInterval(Duration.ofHours(1))
                .workerId("pool").openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 2);
            String id = WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();

            assertThat(batches.stream().filter(size -> size > 0)).as("claims that found work").isEmpty();
            assertThat(memory.history(id)).extracting(StepRecord::workerId).first().asString().startsWith("pool-");
        }
    }

    @Test
    void aDelayedSubmitIsLeftForAClaimWhenItComesDue() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StateStore store = counting(memory, batches, new AtomicInteger());
        TestClock clock = new TestClock();
        WorkflowRegistry registry = WorkflowRegistry.of(ThreeStepWorkflow::new);
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).pollInterval(Duration.ofMillis(10))
                .clock(clock).openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 1);
            String id = WorkflowClient.create(store, registry, clock).submit(ThreeStepWorkflow.class,
                    new APayload(1), io.gamgee.core.SubmitOptions.defaults().startAfter(Duration.ofMinutes(5)));

            assertThat(memory.find(id).orElseThrow().leaseOwner()).as("not handed to the idle thread").isNull();
            clock.advance(Duration.ofMinutes(5));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (memory.find(id).orElseThrow().status() != InstanceStatus.COMPLETED && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(memory.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(batches.stream().filter(size -> size > 0)).as("claimed once it was due").hasSize(1);
        }
    }

    @Test
    void aStoreThatCannotLeaseOnInsertLeavesTheSubmitToTheWorkersClaims() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        StateStore unleasing = around(memory, (method, args, proceed) -> {
            if (method.getName().equals("insertClaimed")) {
                memory.insert((io.gamgee.core.store.NewInstance) args[0]);
                return java.util.Optional.empty(); // what the SPI's default does
            }
            return proceed.call();
        });
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        // an hour between polls: only the wake-up after the plain insert can start the workflow
        try (WorkerPool pool = WorkerPool.builder(registry, unleasing).threads(2).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 2); // so that the submit reserves one
            WorkflowClient.create(unleasing, registry).submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    @Test
    void anEventSentInThisJvmHandsTheStepItLeadsToToAnIdleThreadWithoutAClaim() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StateStore store = around(memory, (method, args, proceed) -> {
            Object result = proceed.call();
            if (method.getName().equals("claimBatch")) {
                batches.add(((List<?>) result).size());
            } else if (method.getName().equals("claim")) {
                batches.add(((java.util.Optional<?>) result).isPresent() ? 1 : 0);
            }
            return result;
        });
        PaymentWorkflow workflow = new PaymentWorkflow();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
        WorkflowClient client = WorkflowClient.create(store, registry);
        try (WorkerPool pool = paymentPool(store, registry, 1)) {
            String id = atTheWait(client, memory, pool, 1, "o-1");
            int claimsBefore = (int) batches.stream().filter(size -> size > 0).count();

            assertThat(client.send(PaymentWorkflow.class, id, PaymentWorkflowBase.Events.captured(
                    new PaymentWorkflowBase.ShipPayload("o-1", "cap-1")))).isEqualTo(io.gamgee.core.SendResult.DELIVERED);

            awaitCompleted(memory, id);
            assertThat(workflow.ran).containsExactly("requestPayment:o-1", "ship:cap-1");
            assertThat(batches.stream().filter(size -> size > 0)).as("claims after the send").hasSize(claimsBefore);
        }
    }

    @Test
    void anEventThatMovesNothingLeavesTheIdleThreadWaitingForWork() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        PaymentWorkflow workflow = new PaymentWorkflow();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
        WorkflowClient client = WorkflowClient.create(store, registry);
        try (WorkerPool pool = paymentPool(store, registry, 1)) {
            awaitIdle(pool, 1);

            assertThat(client.send(PaymentWorkflow.class, "no-such-order", PaymentWorkflowBase.Events.captured(
                    new PaymentWorkflowBase.ShipPayload("o-3", "cap-3")))).isEqualTo(io.gamgee.core.SendResult.UNKNOWN_INSTANCE);

            // the thread reserved for the send is idle again, so the submit is handed to it
            atTheWait(client, store, pool, 1, "o-3");
            assertThat(workflow.ran).containsExactly("requestPayment:o-3");
        }
    }

    @Test
    void anEventAStoreCannotLeaseOnWakesTheWorkersToClaimItsStep() throws Exception {
        InMemoryStateStore memory = new InMemoryStateStore();
        StateStore unleasing = around(memory, (method, args, proceed) -> {
            if (method.getName().equals("deliverClaimed")) {
                // what the SPI's default does
                return io.gamgee.core.store.Delivery.withoutClaim(
                        memory.deliver((io.gamgee.core.store.EventDelivery) args[0]));
            }
            return proceed.call();
        });
        PaymentWorkflow workflow = new PaymentWorkflow();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
        WorkflowClient client = WorkflowClient.create(unleasing, registry);
        try (WorkerPool pool = paymentPool(unleasing, registry, 2)) {
            String id = atTheWait(client, memory, pool, 2, "o-2");

            client.send(PaymentWorkflow.class, id, PaymentWorkflowBase.Events.captured(
                    new PaymentWorkflowBase.ShipPayload("o-2", "cap-2")));

            awaitCompleted(memory, id);
            assertThat(workflow.ran).containsExactly("requestPayment:o-2", "ship:cap-2");
        }
    }

    /**
     * A started pool of {@code threads} on {@code store} for {@code registry}, polling once an hour:
     * a step after a wait runs only if a send hands it over or wakes a claim.
     */
    private static WorkerPool paymentPool(StateStore store, WorkflowRegistry registry, int threads) {
        return WorkerPool.builder(registry, store).threads(threads).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start();
    }

    /** Submits a payment for {@code order} and waits until it waits for the provider, the pool idle again. */
    private static String atTheWait(WorkflowClient client, InMemoryStateStore memory, WorkerPool pool, int threads,
            String order) throws InterruptedException {
        awaitIdle(pool, threads);
        String id = client.submit(PaymentWorkflow.class, new RequestPaymentPayload(order));
        awaitStep(memory, id, "paid");
        awaitIdle(pool, threads);
        return id;
    }

    private static void awaitCompleted(InMemoryStateStore memory, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (memory.find(id).orElseThrow().status() != InstanceStatus.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(memory.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
    }

    /** Waits until the instance {@code id} stands, unleased, at {@code step}. */
    private static void awaitStep(InMemoryStateStore store, String id, String step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            WorkflowInstance instance = store.find(id).orElseThrow();
            if (instance.step().equals(step) && instance.leaseOwner() == null) {
                return;
            }
            Thread.sleep(1);
        }
        assertThat(store.find(id).orElseThrow().step()).isEqualTo(step);
    }

    /** Waits until {@code threads} of the pool's threads wait for work. */
    private static void awaitIdle(WorkerPool pool, int threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (pool.idleThreads() < threads && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(pool.idleThreads()).as("idle threads").isEqualTo(threads);
    }

    /** {@code store}, noting the size of each batch it hands out and counting lease renewals. */
    private static StateStore counting(StateStore store, List<Integer> batches, AtomicInteger renewals) {
        return around(store, (method, args, proceed) -> {
            Object result = proceed.call();
            if (method.getName().equals("claimBatch")) {
                batches.add(((List<?>) result).size());
            } else if (method.getName().equals("renewLease")) {
                renewals.incrementAndGet();
            }
            return result;
        });
    }

    @Test
    void oneStoresHangingRenewalsDoNotStarveAnotherStoresLeases() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        StateStore dead = around(new InMemoryStateStore(), (method, args, proceed) -> {
            if (method.getName().equals("renewLease")) {
                hanging.countDown();
                unblock.await(1, TimeUnit.MINUTES);   // a renewal stuck on a database that does not answer
            }
            return proceed.call();
        });
        AtomicInteger renewals = new AtomicInteger();
        StateStore alive = counting(new InMemoryStateStore(), new CopyOnWriteArrayList<>(), renewals);
        CountDownLatch deadStepRunning = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger renewedWhileBlocked = new AtomicInteger(-1);
        WorkflowRegistry onDead = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("a")) {
                deadStepRunning.countDown();
                await(finish);
            }
        }));
        WorkflowRegistry onAlive = WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("a")) {
                int before = renewals.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (renewals.get() < before + 3 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                renewedWhileBlocked.set(renewals.get() - before);
            }
        }));
        WorkerPool deadPool = WorkerPool.builder(onDead, dead).threads(1).lease(Duration.ofMillis(60))
                .openTelemetry(OpenTelemetry.noop()).build().start();
        WorkerPool alivePool = WorkerPool.builder(onAlive, alive).threads(1).lease(Duration.ofMillis(60))
                .openTelemetry(OpenTelemetry.noop()).build().start();
        try {
            WorkflowClient.create(dead, onDead).submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(deadStepRunning.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(hanging.await(10, TimeUnit.SECONDS)).as("the dead store's renewal hangs").isTrue();

            String id = WorkflowClient.create(alive, onAlive).submit(ThreeStepWorkflow.class, new APayload(2));
            CountDownLatch done = new CountDownLatch(1);
            while (alive.find(id).orElseThrow().status() == InstanceStatus.WAITING && done.getCount() > 0) {
                done.await(10, TimeUnit.MILLISECONDS);
            }

            assertThat(renewedWhileBlocked.get()).as("renewals of the other store went on").isGreaterThanOrEqualTo(3);
            assertThat(alive.find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(alive.history(id)).hasSize(3);
        } finally {
            unblock.countDown();
            finish.countDown();
            alivePool.close();
            deadPool.close();
        }
    }

    @Test
    void aSubmitWakesThePoolOfItsRegistryEvenThroughAStoreDecorator() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        StateStore decorated = around(store, (method, args, proceed) -> proceed.call());
        CountDownLatch lastSteps = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(lastSteps);
        // a poll of an hour: only the submit's signal can start the work in time
        try (WorkerPool pool = WorkerPool.builder(registry, decorated).threads(1).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 1);

            WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1));

            assertThat(lastSteps.await(30, TimeUnit.SECONDS)).as("the pool was woken").isTrue();
        }
    }

    @Test
    void aSubmitInTheCallersTransactionExistsOnlyOnceItCommitsAndThenWakesThePool() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        List<Runnable> commits = new CopyOnWriteArrayList<>();
        TransactionJoiner transaction = (target, insert, afterCommit) -> commits.add(() -> {
            insert.accept(target);
            afterCommit.run();
        });
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        WorkflowClient client = WorkflowClient.create(store, registry, java.time.Clock.systemUTC(), transaction);
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 1);

            String committed = client.submit(ThreeStepWorkflow.class, new APayload(1), "order-1");
            assertThat(store.find(committed)).as("not before the commit").isEmpty();
            commits.get(0).run();

            assertThat(done.await(30, TimeUnit.SECONDS)).as("woken after the commit").isTrue();
            String rolledBack = client.submit(ThreeStepWorkflow.class, new APayload(2), "order-2");
            assertThat(store.find(rolledBack)).as("a rolled back submit never exists").isEmpty();
        }
    }

    @Test
    void aClientJoiningTheCallersTransactionWritesThroughItsViewAndReadsTheStore() {
        InMemoryStateStore store = new InMemoryStateStore();
        InMemoryStateStore transactionView = new InMemoryStateStore();
        WorkflowRegistry registry = WorkflowRegistry.of(ThreeStepWorkflow::new);
        WorkflowClient client = WorkflowClient.create(store, registry);

        String id = client.joining(transactionView).submit(ThreeStepWorkflow.class, new APayload(1), "order-1");

        assertThat(transactionView.find(id)).as("written through the view").isPresent();
        assertThat(store.find(id)).isEmpty();
        assertThat(client.joining(transactionView).status(id)).as("reads go to the store").isEmpty();
    }

    @Test
    void aRetryThisJvmScheduledWakesAnIdleThreadWhenItIsDueNotAtTheNextPoll() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(
                ThreeStepWorkflowBase.withRetries(2, 300), step -> {
                    if (step.equals("a") && tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("the provider timed out");
                    }
                    if (step.equals("c")) {
                        done.countDown();
                    }
                }));
        // an hour between polls, and the longest backoff draw (just under 300 ms)
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).pollInterval(Duration.ofHours(1))
                .random(() -> -1L).openTelemetry(OpenTelemetry.noop()).build().start()) {
            WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1));

            assertThat(done.await(30, TimeUnit.SECONDS)).as("the retry ran when due").isTrue();
            assertThat(tries).hasValue(2);
        }
    }

    @Test
    void aDelayedStartThisJvmSubmittedWakesAnIdleThreadWhenItIsDue() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        CountDownLatch done = new CountDownLatch(1);
        WorkflowRegistry registry = countingLastSteps(done);
        try (WorkerPool pool = WorkerPool.builder(registry, store).threads(1).pollInterval(Duration.ofHours(1))
                .openTelemetry(OpenTelemetry.noop()).build().start()) {
            awaitIdle(pool, 1);
            WorkflowClient.create(store, registry).submit(ThreeStepWorkflow.class, new APayload(1),
                    io.gamgee.core.SubmitOptions.defaults().startAfter(Duration.ofMillis(300)));

            assertThat(done.await(30, TimeUnit.SECONDS)).as("started when due").isTrue();
        }
    }

    @Test
    void aTransitionTheStoreRefusesEndsTheInstanceUnrecoverableInsteadOfRunningTheStepForever() {
        AtomicInteger runs = new AtomicInteger();
        StateStore refusing = around(new InMemoryStateStore(), (method, args, proceed) -> {
            if (method.getName().equals("retryLater")) {
                throw new StoreException("retry of instance x failed: Data too long for column 'last_error_message'",
                        null, false);
            }
            return proceed.call();
        });
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ThreeStepWorkflow(
                ThreeStepWorkflowBase.withAttempts(3), step -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("boom");
                }));
        String id = WorkflowClient.create(refusing, registry).submit(ThreeStepWorkflow.class, new APayload(1));
        WorkflowWorker worker = WorkflowWorker.builder(registry).openTelemetry(OpenTelemetry.noop()).build();

        ExecutionResult result = worker.executeWaitingWorkflow(refusing, THREE_STEPS, FetchStrategy.OLDEST, Duration.ZERO);

        assertThat(result).isEqualTo(ExecutionResult.UNRECOVERABLE);
        WorkflowInstance instance = refusing.find(id).orElseThrow();
        assertThat(instance.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(instance.lastError().type()).isEqualTo("TransitionNotWritable");
        assertThat(instance.lastError().message()).contains("retry of step a (attempt 1) could not be written")
                .contains("Data too long");
        assertThat(runs).hasValue(1);
        assertThat(worker.executeWaitingWorkflow(refusing, THREE_STEPS, FetchStrategy.OLDEST, Duration.ZERO))
                .as("nothing runs again").isEqualTo(ExecutionResult.NO_TASKS_WAITING);
    }

    @Test
    void aMisconfiguredStoreFailsThePoolsStartWithTheCause() {
        StateStore misconfigured = around(new InMemoryStateStore(), (method, args, proceed) -> {
            if (method.getName().equals("verify")) {
                throw new StoreConfigurationException("Gamgee's tables do not exist in the store's database", null);
            }
            return proceed.call();
        });
        WorkerPool pool = WorkerPool.builder(WorkflowRegistry.of(ThreeStepWorkflow::new), misconfigured)
                .openTelemetry(OpenTelemetry.noop()).build();

        assertThatThrownBy(pool::start).isInstanceOf(StoreConfigurationException.class)
                .hasMessage("Gamgee's tables do not exist in the store's database");
        assertThat(pool.isRunning()).isFalse();
        assertThat(pool.isHealthy()).isFalse();
    }

    @Test
    void anUnreachableStoreDoesNotStopThePoolFromStarting() {
        StateStore unreachable = around(new InMemoryStateStore(), (method, args, proceed) -> {
            if (method.getName().equals("verify")) {
                throw new StoreUnavailableException("verify failed: the database is unreachable", null);
            }
            return proceed.call();
        });
        try (WorkerPool pool = WorkerPool.builder(WorkflowRegistry.of(ThreeStepWorkflow::new), unreachable)
                .threads(2).openTelemetry(OpenTelemetry.noop()).build().start()) {
            assertThat(pool.isRunning()).isTrue();
            assertThat(pool.liveThreads()).isEqualTo(2);
        }
    }

    /** The three-step workflow, counting {@code lastSteps} down each time a workflow reaches its last step. */
    private static WorkflowRegistry countingLastSteps(CountDownLatch lastSteps) {
        return WorkflowRegistry.of(() -> new ThreeStepWorkflow(step -> {
            if (step.equals("c")) {
                lastSteps.countDown();
            }
        }));
    }

    /** A store call as {@link #around} passes it on. */
    private interface Call {
        Object call() throws Throwable;
    }

    /** What {@link #around} does with each call: answer it, or {@code proceed} to the store. */
    private interface Interceptor {
        Object intercept(Method method, Object[] args, Call proceed) throws Throwable;
    }

    /** {@code store} behind {@code interceptor}. */
    private static StateStore around(StateStore store, Interceptor interceptor) {
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class}, (proxy, method, args) -> interceptor.intercept(method, args, () -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


}
