package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.StepTimeoutException;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepResult;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.ErrorInfo;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StateStore;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.core.store.WorkflowInstance;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must survive from poison work: steps that throw {@link Error}s, hang past their
 * timeout or ignore the interrupt, errors whose text a database refuses, and stored payloads that
 * do not decode into something a step can use. Each test runs a real {@link WorkerPool} on the
 * store; subclass it once per store, like {@link StateStoreContract}.
 */
public abstract class PoisonWorkContract extends StoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<WorkerPool> pools = new ArrayList<>();

    /** Runs before the store is released. */
    @AfterEach
    void closePools() {
        pools.forEach(pool -> pool.close(Duration.ofSeconds(1)));
    }

    /** The payload of the one-step workflows below. */
    public record WorkPayload(String orderId, long amountCents) {
    }

    /** A payload whose second component may be missing from the JSON. */
    public record NotedPayload(String orderId, Optional<String> note) {
    }

    /** What the step of a {@link OneStep} workflow does. */
    @FunctionalInterface
    protected interface Body<P> {
        void run(P payload) throws Exception;
    }

    /** A workflow of one step, {@code work}, with the given retry policy, leading to {@code [*]}. */
    protected static final class OneStep<P> extends WorkflowBase<P> {
        private final Class<P> payloadType;
        private final Body<P> body;

        OneStep(WorkflowDefinition definition, Class<P> payloadType, Body<P> body) {
            super(definition);
            this.payloadType = payloadType;
            this.body = body;
        }

        @Override
        protected StepResult executeStep(String step, Object payload) throws Exception {
            body.run(payloadType.cast(payload));
            return StepResult.complete();
        }
    }

    private static <P> WorkflowDefinition definition(String type, Class<P> payloadType, RetryPolicy policy) {
        return WorkflowDefinition.builder(type, "hash-" + type).source("poison.mermaid").firstStep("work")
                .step("work", payloadType, WorkflowDefinition.END, policy, 3).build();
    }

    /** A workflow type no other test (or run) uses. */
    protected static String uniqueType() {
        return "Poison" + UUID.randomUUID().toString().replace("-", "") + "Workflow";
    }

    private <P> OneStep<P> workflow(String type, Class<P> payloadType, RetryPolicy policy, Body<P> body) {
        WorkflowDefinition definition = definition(type, payloadType, policy);
        return new OneStep<>(definition, payloadType, body);
    }

    private WorkerPool start(int threads, WorkflowBase<?>... workflows) {
        WorkflowRegistry.Builder registry = WorkflowRegistry.builder();
        for (WorkflowBase<?> workflow : workflows) {
            registry.register(() -> workflow);
        }
        WorkerPool pool = WorkerPool.builder(registry.build(), store).threads(threads)
                .pollInterval(Duration.ofMillis(20)).lease(Duration.ofSeconds(5))
                .openTelemetry(OpenTelemetry.noop()).build().start();
        pools.add(pool);
        return pool;
    }

    private String submit(OneStep<?> workflow, String json) {
        String id = workflow.workflowType() + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(store.insert(new NewInstance(id, workflow.workflowType(), "work", json, now, null,
                workflow.definition().diagramHash(), now))).isTrue();
        return id;
    }

    private WorkflowInstance awaitFinished(String id) {
        await(() -> store.find(id).orElseThrow().status() != InstanceStatus.WAITING, "instance " + id + " finishes");
        return store.find(id).orElseThrow();
    }

    /** Waits for something other threads make true; fails the test after {@link #PATIENCE}. */
    protected static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s in vain until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    private List<Outcome> outcomes(String id) {
        return store.history(id).stream().map(StepRecord::outcome).toList();
    }

    // --- errors ----------------------------------------------------------------------------------

    @Test
    void aStepThrowingAnErrorCountsTheAttemptAndTheThreadSurvives() {
        OneStep<WorkPayload> poison = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(2, 1), payload -> {
            throw new OutOfMemoryError("simulated");
        });
        AtomicInteger healthyRuns = new AtomicInteger();
        OneStep<WorkPayload> healthy = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(1, 1),
                payload -> healthyRuns.incrementAndGet());
        WorkerPool pool = start(2, poison, healthy);

        WorkflowInstance failed = awaitFinished(submit(poison, "{\"orderId\":\"o-1\",\"amountCents\":5}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError().type()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(failed.lastError().message()).isEqualTo("simulated");
        assertThat(failed.leaseOwner()).isNull();
        assertThat(outcomes(failed.instanceId())).containsExactly(Outcome.RETRY_SCHEDULED, Outcome.UNRECOVERABLE);
        for (int i = 0; i < 4; i++) {
            assertThat(awaitFinished(submit(healthy, "{\"orderId\":\"o-" + i + "\",\"amountCents\":5}")).status())
                    .isEqualTo(InstanceStatus.COMPLETED);
        }
        assertThat(pool.liveThreads()).isEqualTo(2);
        assertThat(pool.isHealthy()).isTrue();
    }

    @Test
    void aStackOverflowInAStepIsAFailedAttemptLikeAnyOther() {
        OneStep<WorkPayload> poison = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(1, 1),
                payload -> recurse(0));
        WorkerPool pool = start(1, poison);

        WorkflowInstance failed = awaitFinished(submit(poison, "{\"orderId\":\"o-1\",\"amountCents\":5}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.lastError().type()).isEqualTo("java.lang.StackOverflowError");
        assertThat(failed.lastError().stackTrace()).hasSizeLessThanOrEqualTo(ErrorInfo.MAX_STACK_TRACE);
        assertThat(pool.isHealthy()).isTrue();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    // --- timeouts --------------------------------------------------------------------------------

    @Test
    void aStepOutlivingItsTimeoutIsInterruptedAndCountsAsAFailedAttempt() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        OneStep<WorkPayload> hanging = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(2, 1, 200), payload -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        });
        WorkerPool pool = start(1, hanging);

        WorkflowInstance failed = awaitFinished(submit(hanging, "{\"orderId\":\"o-1\",\"amountCents\":5}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError().type()).isEqualTo(StepTimeoutException.class.getName());
        assertThat(failed.lastError().message()).contains("step work of instance " + failed.instanceId())
                .contains("200 ms");
        // the stack trace is where the step hung
        assertThat(failed.lastError().stackTrace()).contains("CountDownLatch.await");
        assertThat(outcomes(failed.instanceId())).containsExactly(Outcome.RETRY_SCHEDULED, Outcome.UNRECOVERABLE);
        await(() -> interrupted.get() == 2, "both tries saw the interrupt");
        assertThat(pool.isHealthy()).isTrue();
    }

    @Test
    void aStepIgnoringTheInterruptLosesItsThreadWhichThePoolReplacesAndItsLateResultIsDiscarded() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        OneStep<WorkPayload> stubborn = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(1, 1, 200), payload -> {
            boolean done = false;
            while (!done) {
                try {
                    done = release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException ignored) {
                    // this step does not stop when asked
                }
            }
            returned.countDown();
        });
        AtomicInteger healthyRuns = new AtomicInteger();
        OneStep<WorkPayload> healthy = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(1, 1),
                payload -> healthyRuns.incrementAndGet());
        WorkerPool pool = start(1, stubborn, healthy);

        WorkflowInstance failed = awaitFinished(submit(stubborn, "{\"orderId\":\"o-1\",\"amountCents\":5}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.lastError().type()).isEqualTo(StepTimeoutException.class.getName());
        await(() -> pool.stuckThreads() == 1, "the stuck thread is counted");
        assertThat(pool.liveThreads()).isEqualTo(1);
        assertThat(pool.replacedThreads()).isEqualTo(1);
        assertThat(pool.isHealthy()).isTrue();
        assertThat(awaitFinished(submit(healthy, "{\"orderId\":\"o-2\",\"amountCents\":5}")).status())
                .as("the replacement thread takes work").isEqualTo(InstanceStatus.COMPLETED);

        release.countDown();
        await(() -> returned.getCount() == 0 && pool.stuckThreads() == 0, "the stuck thread ends once its step returns");
        WorkflowInstance after = store.find(failed.instanceId()).orElseThrow();
        assertThat(after.status()).as("the late result is discarded").isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(after.version()).isEqualTo(failed.version());
        assertThat(outcomes(failed.instanceId())).containsExactly(Outcome.UNRECOVERABLE);
        assertThat(pool.liveThreads()).isEqualTo(1);
    }

    // --- errors databases refuse -----------------------------------------------------------------

    @Test
    void anErrorWhoseTextADatabaseRefusesIsStoredCleanedInsteadOfLooping() {
        String message = "card\u0000declined " + "x".repeat(100_000);
        AtomicInteger runs = new AtomicInteger();
        OneStep<WorkPayload> poison = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(2, 1), payload -> {
            runs.incrementAndGet();
            throw new IllegalStateException(message);
        });
        start(1, poison);

        WorkflowInstance failed = awaitFinished(submit(poison, "{\"orderId\":\"o-1\",\"amountCents\":5}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(runs).hasValue(2);
        assertThat(failed.lastError().type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.lastError().message()).startsWith("card\uFFFDdeclined xxx")
                .hasSizeLessThanOrEqualTo(ErrorInfo.MAX_MESSAGE).contains("cut from");
        assertThat(store.history(failed.instanceId())).extracting(StepRecord::error)
                .allSatisfy(error -> assertThat(error).doesNotContain("\u0000").startsWith(
                        IllegalStateException.class.getName() + ": card\uFFFDdeclined"));
    }

    // --- payloads --------------------------------------------------------------------------------

    @Test
    void aStoredPayloadMissingAComponentIsUnrecoverableWithoutRunningTheStep() {
        AtomicInteger runs = new AtomicInteger();
        OneStep<WorkPayload> charge = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(3, 1),
                payload -> runs.incrementAndGet());
        start(1, charge);

        WorkflowInstance failed = awaitFinished(submit(charge, "{\"orderId\":\"o-1\"}"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.lastError().message()).contains("'amountCents'").contains(failed.instanceId());
        assertThat(runs).hasValue(0);
    }

    @Test
    void aStoredNullPayloadIsUnrecoverableWithoutRunningTheStep() {
        AtomicInteger runs = new AtomicInteger();
        OneStep<WorkPayload> charge = workflow(uniqueType(), WorkPayload.class, RetryPolicy.of(3, 1),
                payload -> runs.incrementAndGet());
        start(1, charge);

        WorkflowInstance failed = awaitFinished(submit(charge, "null"));

        assertThat(failed.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(failed.lastError().message()).contains("never null");
        assertThat(runs).hasValue(0);
    }

    @Test
    void aMissingOptionalComponentIsEmpty() {
        List<NotedPayload> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        OneStep<NotedPayload> note = workflow(uniqueType(), NotedPayload.class, RetryPolicy.of(1, 1), seen::add);
        start(1, note);

        WorkflowInstance done = awaitFinished(submit(note, "{\"orderId\":\"o-1\"}"));

        assertThat(done.status()).isEqualTo(InstanceStatus.COMPLETED);
        assertThat(seen).containsExactly(new NotedPayload("o-1", Optional.empty()));
    }
}
