package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * W5: a fork of four one-step branches ({@code fork-four.mermaid}) next to the 3-step chain, in the
 * same run, on a fresh database each: {@value #WORKFLOWS} workflows submitted with the workers
 * stopped, then run by a {@link WorkerPool} of 4 threads. Steps/s counts the steps users write (6
 * per fork workflow: the first, four branches, the last; 3 per chain); the merge is a transition
 * of its own on top.
 */
public final class ForkWorkload {

    static final int WORKFLOWS = 5_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** 4, as W1; {@code -Dgamgee.bench.w5.threads} changes it for a look at contention. */
    private static final int THREADS = Integer.getInteger("gamgee.bench.w5.threads", 4);

    /** Runs the chain, then the fork, on {@code database}. */
    public List<Measurement> run(Database database) throws Exception {
        double chain = measure(database, "chain", signal -> new ThreeStepsWorkflow(signal), ThreeStepsWorkflow.class,
                n -> new APayload(n), 3);
        double fork = measure(database, "fork", signal -> new ForkFourWorkflow(signal), ForkFourWorkflow.class,
                n -> new StartPayload(n), 6);
        String note = String.format("%,d workflows each, %d threads; fork/chain = %.2f", WORKFLOWS, THREADS,
                fork / chain);
        return List.of(
                new Measurement("W5 3-step chain", Report.GAMGEE, database, "steps/s", chain, Kind.THROUGHPUT,
                        String.format("%,d workflows, %d threads (the same run as W5 fork)", WORKFLOWS, THREADS)),
                new Measurement("W5 fork of 4 branches", Report.GAMGEE, database, "steps/s", fork, Kind.THROUGHPUT,
                        note));
    }

    private <P, W extends WorkflowBase<P>> double measure(Database database, String name,
            Function<LastStepSignal, W> workflow, Class<W> type, IntFunction<P> payload, int steps) throws Exception {
        LastStepSignal signal = new LastStepSignal();
        Database.Fresh fresh = database.fresh("gamgee_w5_" + name);
        // the engine opens the store as W1 does; the workflow under test gets a registry of its own
        try (GamgeeSystem.GamgeeEngine engine = new GamgeeSystem().open(fresh, new LastStepSignal())) {
            W instance = workflow.apply(signal);
            WorkflowRegistry registry = WorkflowRegistry.of(() -> instance);
            WorkflowClient client = WorkflowClient.create(engine.store(), registry);
            for (int n = 0; n < WORKFLOWS; n++) {
                client.submit(type, payload.apply(n), name + "-" + n);
            }
            Query query = Query.workflowType(instance.workflowType());
            long start = System.nanoTime();
            long end = start + TIMEOUT.toNanos();
            long completed;
            try (WorkerPool pool = WorkerPool.builder(registry, engine.store()).threads(THREADS).build().start()) {
                while (signal.count() < WORKFLOWS && System.nanoTime() < end) {
                    LockSupport.parkNanos(1_000_000);
                }
                completed = engine.store().count(query, InstanceStatus.COMPLETED);
                while (completed < WORKFLOWS && System.nanoTime() < end) {
                    LockSupport.parkNanos(2_000_000);
                    completed = engine.store().count(query, InstanceStatus.COMPLETED);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (completed < WORKFLOWS) {
                throw new IllegalStateException(String.format("W5 %s on %s: %,d of %,d workflows done in %.0f s", name,
                        database.displayName(), completed, WORKFLOWS, seconds));
            }
            double stepsPerSecond = completed * steps / seconds;
            Progress.log("W5 %s on %s: %,d workflows in %.1f s, %,.0f steps/s", name, database.displayName(),
                    completed, seconds, stepsPerSecond);
            return stepsPerSecond;
        }
    }
}
