package io.gamgee.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.core.ExecutionResult;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.PayloadException;
import io.gamgee.core.Query;
import io.gamgee.core.SubmitOptions;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowWorker;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.NewInstance;
import io.gamgee.core.store.StepRecord;
import io.gamgee.core.store.StepRecord.Outcome;
import io.gamgee.test.workflows.ConditionsWorkflow;
import io.gamgee.test.workflows.DecidePayload;
import io.gamgee.test.workflows.GateWorkflow;
import io.gamgee.test.workflows.CheckPayload;
import io.gamgee.test.workflows.GreetingWorkflow;
import io.gamgee.test.workflows.GreetPayload;
import io.gamgee.test.workflows.ThreeStepWorkflow;
import io.gamgee.test.workflows.ThreeStepWorkflowBase;
import io.gamgee.test.workflows.ThreeStepWorkflowBase.APayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkflowScenariosTest {

    private final AtomicInteger failures = new AtomicInteger();
    private final List<String> greeted = new CopyOnWriteArrayList<>();
    private final List<String> branches = new CopyOnWriteArrayList<>();

    private WorkflowTestKit kit(RandomGeneratorChoice jitter) {
        return WorkflowTestKit.builder()
                .register(() -> new GreetingWorkflow(failures, greeted))
                .register(() -> new ConditionsWorkflow(branches))
                .register(GateWorkflow::new)
                .register(ThreeStepWorkflow::new)
                .random(jitter == RandomGeneratorChoice.LONGEST ? () -> -1L : () -> 0L)
                .build();
    }

    private enum RandomGeneratorChoice { LONGEST, NONE }

    @Test
    void aOneStepWorkflowCompletes() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.LONGEST)) {
            String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Sam"));

            assertThat(kit.runUntilIdle()).isEqualTo(1);

            assertThat(greeted).containsExactly("Sam");
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(kit.history(id)).singleElement().satisfies(record -> {
                assertThat(record.step()).isEqualTo("greet");
                assertThat(record.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(record.attempt()).isEqualTo(1);
                assertThat(record.workerId()).isEqualTo("test-worker");
            });
        }
    }

    @Test
    void aFailedStepRunsAgainOnlyAfterItsBackoff() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.LONGEST)) {
            failures.set(1);
            String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Frodo"));

            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.STOPPED);
            assertThat(kit.statusOf(id).attempts()).isEqualTo(1);
            assertThat(kit.statusOf(id).lastError().message()).isEqualTo("mail server down for Frodo");

            // the longest draw of the first retry's full jitter is just under backoffMs × 2^0
            kit.advance(Duration.ofMillis(998));
            assertThat(kit.runUntilIdle()).isZero();
            kit.advance(Duration.ofMillis(1));
            assertThat(kit.runUntilIdle()).isEqualTo(1);

            assertThat(greeted).containsExactly("Frodo");
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(kit.history(id)).extracting(StepRecord::outcome, StepRecord::attempt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.RETRY_SCHEDULED, 1),
                            org.assertj.core.groups.Tuple.tuple(Outcome.COMPLETED, 2));
        }
    }

    @Test
    void aStepThatFailsEveryAttemptBecomesUnrecoverableAndRecoverTasksRevivesIt() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.LONGEST)) {
            failures.set(3);
            String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Pippin"));

            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.STOPPED);
            kit.advance(Duration.ofSeconds(1));
            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.STOPPED);
            kit.advance(Duration.ofSeconds(2));
            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.UNRECOVERABLE);
            kit.advance(Duration.ofHours(2));
            assertThat(kit.runUntilIdle()).as("unrecoverable instances are not retried").isZero();

            var status = kit.statusOf(id);
            assertThat(status.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(status.attempts()).isEqualTo(3);
            assertThat(status.lastError().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(status.lastError().message()).isEqualTo("mail server down for Pippin");
            assertThat(status.lastError().stackTrace()).contains("at io.gamgee.test.workflows.GreetingWorkflow.greet");
            assertThat(kit.history(id)).extracting(StepRecord::outcome)
                    .containsExactly(Outcome.RETRY_SCHEDULED, Outcome.RETRY_SCHEDULED, Outcome.UNRECOVERABLE);

            assertThat(kit.client().recoverTasks(Query.workflowType("GreetingWorkflow"), 10)).isEqualTo(1);
            assertThat(kit.statusOf(id).attempts()).isZero();
            assertThat(kit.runUntilIdle()).isEqualTo(1);

            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(greeted).containsExactly("Pippin");
        }
    }

    @Test
    void backoffDoublesPerAttemptWithinItsJitter() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.LONGEST)) {
            failures.set(2);
            String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Merry"));
            kit.runNextStep();
            var firstRetry = kit.statusOf(id).runAfter();
            kit.clock().set(firstRetry);
            kit.runNextStep();
            var secondRetry = kit.statusOf(id).runAfter();

            assertThat(Duration.between(firstRetry, secondRetry)).isEqualTo(Duration.ofMillis(1999));
        }
    }

    @Test
    void theConditionsWorkflowTakesEachBranch() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String left = kit.submit(ConditionsWorkflow.class, new DecidePayload("left"));
            kit.runUntilIdle();
            String right = kit.submit(ConditionsWorkflow.class, new DecidePayload("right"));
            kit.runUntilIdle();

            assertThat(branches).containsExactly("decide", "left", "decide", "right");
            assertThat(kit.history(left)).extracting(StepRecord::step, StepRecord::nextStep)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("decide", "left"),
                            org.assertj.core.groups.Tuple.tuple("left", null));
            assertThat(kit.history(right)).extracting(StepRecord::nextStep).containsExactly("right", null);
            assertThat(kit.statusOf(right).status()).isEqualTo(InstanceStatus.COMPLETED);
        }
    }

    @Test
    void aDecisionBranchToTheEndCompletesTheWorkflow() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String none = kit.submit(GateWorkflow.class, new CheckPayload(0));
            String some = kit.submit(GateWorkflow.class, new CheckPayload(5));
            kit.runUntilIdle();

            assertThat(kit.history(none)).extracting(StepRecord::step, StepRecord::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("check", Outcome.COMPLETED));
            assertThat(kit.statusOf(none).status()).isEqualTo(InstanceStatus.COMPLETED);
            assertThat(kit.history(some)).extracting(StepRecord::step).containsExactly("check", "ship");
        }
    }

    @Test
    void aDelayedStartRunsOnlyWhenDue() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String id = kit.submit(GreetingWorkflow.class, new GreetPayload("Rosie"),
                    SubmitOptions.defaults().startAfter(Duration.ofMinutes(10)));

            assertThat(kit.runUntilIdle()).isZero();
            kit.advance(Duration.ofMinutes(10).minusMillis(1));
            assertThat(kit.runUntilIdle()).isZero();
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.WAITING);
            kit.advance(Duration.ofMillis(1));
            assertThat(kit.runUntilIdle()).isEqualTo(1);
            assertThat(greeted).containsExactly("Rosie");
        }
    }

    @Test
    void submittingTheSameIdTwiceMakesOneInstance() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String first = kit.submit(GreetingWorkflow.class, new GreetPayload("Sam"),
                    SubmitOptions.defaults().instanceId("order-42"));
            String second = new GreetingWorkflow().submit(new GreetPayload("Other"), kit.store(), "order-42");
            kit.runUntilIdle();

            assertThat(first).isEqualTo("order-42").isEqualTo(second);
            assertThat(kit.client().count(Query.workflowType("GreetingWorkflow"), null)).isEqualTo(1);
            assertThat(greeted).containsExactly("Sam");
        }
    }

    @Test
    void anUnserializablePayloadFailsSubmitNamingTheWorkflowAndClass() {
        try (WorkflowTestKit kit = WorkflowTestKit.of(ParcelWorkflow::new)) {
            assertThatThrownBy(() -> kit.submit(ParcelWorkflow.class, new Parcel()))
                    .isInstanceOf(PayloadException.class)
                    .hasMessageContaining("ParcelWorkflow")
                    .hasMessageContaining(Parcel.class.getName())
                    .hasMessageContaining("sealed");
            assertThat(kit.client().count(Query.all(), null)).isZero();
        }
    }

    /** A payload Jackson cannot write: its only property throws. */
    public static class Parcel {
        public String getContents() {
            throw new IllegalStateException("sealed");
        }
    }

    static class ParcelWorkflow extends WorkflowBase<Parcel> {
        ParcelWorkflow() {
            super(io.gamgee.core.definition.WorkflowDefinition.builder("ParcelWorkflow", "p4rc3l")
                    .firstStep("send")
                    .step("send", Parcel.class, io.gamgee.core.definition.WorkflowDefinition.END,
                            io.gamgee.core.definition.RetryPolicy.DEFAULT, 1)
                    .build());
        }

        @Override
        protected io.gamgee.core.definition.StepResult executeStep(String step, Object payload) {
            return io.gamgee.core.definition.StepResult.complete();
        }
    }

    @Test
    void anUndecodablePayloadMakesTheInstanceUnrecoverableAndTheWorkerLivesOn() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            // stored by an older version whose payload field was called "nmae"
            kit.store().insert(new NewInstance("renamed", "GreetingWorkflow", "greet", "{\"nmae\":\"Sam\"}",
                    kit.clock().instant(), null, "gr33t", kit.clock().instant()));
            String good = kit.submit(GreetingWorkflow.class, new GreetPayload("Sam"));

            kit.runUntilIdle();

            var broken = kit.statusOf("renamed");
            assertThat(broken.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(broken.lastError().type()).isEqualTo(PayloadException.class.getName());
            assertThat(broken.lastError().message()).contains("renamed", "greet", GreetPayload.class.getName(), "nmae");
            assertThat(kit.statusOf(good).status()).isEqualTo(InstanceStatus.COMPLETED);
        }
    }

    @Test
    void aStepMissingFromTheRegisteredDefinitionIsUnrecoverableNamingBothHashes() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1));
            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.CONTINUED);
            assertThat(kit.statusOf(id).step()).isEqualTo("b");

            WorkflowWorker upgraded = WorkflowWorker.builder(WorkflowRegistry.of(
                            () -> new ThreeStepWorkflow(ThreeStepWorkflowBase.withoutB("v2hash"), step -> { })))
                    .clock(kit.clock()).build();
            assertThat(upgraded.executeWaitingTask(kit.store(), Query.all(), FetchStrategy.OLDEST, Duration.ZERO))
                    .isEqualTo(ExecutionResult.UNRECOVERABLE);

            var status = kit.statusOf(id);
            assertThat(status.status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
            assertThat(status.lastError().type()).isEqualTo("StepNotInDefinition");
            assertThat(status.lastError().message()).contains("step b", "thr33", "v2hash", id);
        }
    }

    @Test
    void aLostClaimDiscardsTheStepsResult() {
        AtomicReference<Runnable> duringFirstRun = new AtomicReference<>();
        try (WorkflowTestKit kit = WorkflowTestKit.builder()
                .register(() -> new ThreeStepWorkflow(step -> {
                    Runnable hook = duringFirstRun.getAndSet(null);
                    if (hook != null) {
                        hook.run();
                    }
                }))
                .lease(Duration.ofSeconds(10))
                .build()) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1));
            WorkflowWorker other = WorkflowWorker.builder(kit.registry()).workerId("other").clock(kit.clock()).build();
            AtomicReference<ExecutionResult> takeover = new AtomicReference<>();
            duringFirstRun.set(() -> {
                // the first worker stalls past its lease; another worker takes the step over
                kit.advance(Duration.ofSeconds(11));
                takeover.set(other.executeWaitingTask(kit.store(), Query.all(), FetchStrategy.OLDEST, Duration.ZERO));
            });

            assertThat(kit.runNextStep()).isEqualTo(ExecutionResult.STOPPED);

            assertThat(takeover.get()).isEqualTo(ExecutionResult.CONTINUED);
            assertThat(kit.history(id)).singleElement().satisfies(record -> {
                assertThat(record.workerId()).isEqualTo("other");
                assertThat(record.nextStep()).isEqualTo("b");
            });
            assertThat(kit.statusOf(id).step()).isEqualTo("b");
        }
    }

    @Test
    void cancelStopsAnInstance() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1));
            kit.runNextStep();

            assertThat(kit.client().cancel(id)).isTrue();
            assertThat(kit.runUntilIdle()).isZero();
            assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.CANCELLED);
            assertThat(kit.client().cancel(id)).isFalse();
        }
    }

    @Test
    void executeWaitingWorkflowRunsEveryStepUnderOneClaim() {
        try (WorkflowTestKit kit = kit(RandomGeneratorChoice.NONE)) {
            String id = kit.submit(ThreeStepWorkflow.class, new APayload(1));
            long writesBefore = kit.store().getStats().updatesSeen();

            assertThat(kit.worker().executeWaitingWorkflow(kit.store(), Query.workflowType("ThreeStepWorkflow"),
                    FetchStrategy.RANDOM, Duration.ZERO)).isEqualTo(ExecutionResult.COMPLETED);

            assertThat(kit.history(id)).extracting(StepRecord::step).containsExactly("a", "b", "c");
            assertThat(kit.store().getStats().updatesSeen() - writesBefore)
                    .as("one claim and one write per step").isEqualTo(4);
            assertThat(kit.worker().executeWaitingWorkflow(kit.store(), Query.all(), FetchStrategy.RANDOM,
                    Duration.ZERO)).isEqualTo(ExecutionResult.NO_TASKS_WAITING);
        }
    }

    @Test
    void submittingAnUnregisteredWorkflowThroughTheClientSaysSo() {
        try (WorkflowTestKit kit = WorkflowTestKit.of(GateWorkflow::new)) {
            assertThatThrownBy(() -> kit.submit(ThreeStepWorkflow.class, new APayload(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ThreeStepWorkflow.class.getName());
        }
    }

    @Test
    void registeringTwoDefinitionsUnderOneTypeNamesBoth() {
        assertThatThrownBy(() -> WorkflowRegistry.of(ThreeStepWorkflow::new,
                () -> new ThreeStepWorkflow(ThreeStepWorkflowBase.definition("otherhash"), step -> { })))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ThreeStepWorkflow")
                .hasMessageContaining("thr33")
                .hasMessageContaining("otherhash");
        assertThatThrownBy(() -> WorkflowRegistry.of(ThreeStepWorkflow::new, ThreeStepWorkflow::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registered twice");
    }

    @Test
    void theSupplierIsCalledForEveryStep() {
        AtomicInteger created = new AtomicInteger();
        try (WorkflowTestKit kit = WorkflowTestKit.of(() -> {
            created.incrementAndGet();
            return new ThreeStepWorkflow();
        })) {
            int atRegistration = created.get();
            kit.submit(ThreeStepWorkflow.class, new APayload(1));
            kit.runUntilIdle();
            // one for the submit, one per step
            assertThat(created.get() - atRegistration).isEqualTo(4);
        }
    }

}
