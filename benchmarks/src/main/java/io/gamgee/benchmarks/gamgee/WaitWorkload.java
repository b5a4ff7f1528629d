package io.gamgee.benchmarks.gamgee;

import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.EngineWorkloads;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Percentiles;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.core.SendResult;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * W6, waits: W1 on a fresh database, then W1 again beside {@value #WAITING} instances parked at a
 * wait without a timer (rows as a parked instance leaves them, inserted by SQL as W3's are), and
 * then, on that database, the latency from sending an event to the step it leads to having
 * durably completed, {@value #EVENTS} times, one at a time.
 */
public final class WaitWorkload {

    static final int WAITING = 100_000;
    private static final int EVENTS = 300;
    private static final int WARM_UP = 30;

    private final EngineWorkloads engineWorkloads;

    public WaitWorkload(EngineWorkloads engineWorkloads) {
        this.engineWorkloads = engineWorkloads;
    }

    public List<Measurement> run(Database database) throws Exception {
        List<Measurement> result = new ArrayList<>();
        LastStepSignal plain = new LastStepSignal();
        try (GamgeeSystem.GamgeeEngine engine = new GamgeeSystem().open(database.fresh("gamgee_w6_plain"), plain)) {
            result.addAll(engineWorkloads.throughput("W6 W1 alone", Report.GAMGEE, database, engine, plain,
                    "the same run as W6 beside waiting instances"));
        }
        LastStepSignal beside = new LastStepSignal();
        try (GamgeeSystem.GamgeeEngine engine = new GamgeeSystem().open(database.fresh("gamgee_w6_waiting"), beside)) {
            LastStepSignal events = new LastStepSignal();
            EventLatencyWorkflow workflow = new EventLatencyWorkflow(events);
            long start = System.nanoTime();
            GamgeeSchema.insertWaiting(engine.dataSource(), database, workflow.workflowType(),
                    workflow.definition().diagramHash(), WAITING, StateStore.NEVER, "parked-", "w");
            String inserted = String.format("%,d instances waiting at w (no timer), inserted in %.1f s", WAITING,
                    (System.nanoTime() - start) / 1e9);
            Progress.log("W6: Gamgee on %s, %s", database.displayName(), inserted);
            result.addAll(engineWorkloads.throughput(String.format("W6 W1 beside %,d waiting", WAITING),
                    Report.GAMGEE, database, engine, beside, inserted));
            engine.stopWorkers();
            result.addAll(eventLatency(engine, database, workflow, events));
        }
        return result;
    }

    private static List<Measurement> eventLatency(GamgeeSystem.GamgeeEngine engine, Database database,
            EventLatencyWorkflow workflow, LastStepSignal events) throws Exception {
        WorkflowRegistry registry = WorkflowRegistry.of(() -> workflow);
        WorkflowClient client = WorkflowClient.create(engine.store(), registry);
        long[] samples = new long[EVENTS];
        try (WorkerPool pool = WorkerPool.builder(registry, engine.store()).threads(4).build().start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < WARM_UP + EVENTS; i++) {
                ids.add(client.submit(EventLatencyWorkflow.class, new APayload(i), "event-" + i));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (String id : ids) {
                while (!client.status(id).orElseThrow().step().equals("w")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(id + " did not reach its wait in 2 minutes");
                    }
                    Thread.sleep(5);
                }
            }
            Thread.sleep(200);
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                events.drain();
                long sent = System.nanoTime();
                SendResult result = client.send(EventLatencyWorkflow.class, id,
                        EventLatencyWorkflow.Events.go(new BPayload(i)));
                if (result != SendResult.DELIVERED) {
                    throw new IllegalStateException("event for " + id + ": " + result);
                }
                if (!events.await(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the step after the event of " + id + " did not run in 30 s");
                }
                while (client.status(id).orElseThrow().status() != InstanceStatus.COMPLETED) {
                    Thread.onSpinWait();
                }
                if (i >= WARM_UP) {
                    samples[i - WARM_UP] = System.nanoTime() - sent;
                }
            }
        }
        Percentiles p = Percentiles.of(samples, EVENTS);
        String note = String.format("send → next step durably completed, one at a time, idle pool of 4, beside %,d "
                + "waiting, n=%d", WAITING, EVENTS);
        Progress.log("  event latency p50 %.2f ms, p99 %.2f ms", p.millis(50), p.millis(99));
        return List.of(
                new Measurement("W6 event latency", Report.GAMGEE, database, "p50 ms", p.millis(50), Kind.LATENCY, note),
                new Measurement("W6 event latency", Report.GAMGEE, database, "p99 ms", p.millis(99), Kind.LATENCY, ""));
    }
}
