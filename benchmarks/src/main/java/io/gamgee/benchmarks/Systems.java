package io.gamgee.benchmarks;

import io.gamgee.benchmarks.compiler.CompilerWorkload;
import io.gamgee.benchmarks.gamgee.BacklogWorkload;
import io.gamgee.benchmarks.gamgee.ForkWorkload;
import io.gamgee.benchmarks.gamgee.WaitWorkload;
import io.gamgee.benchmarks.gamgee.GamgeeSystem;
import io.gamgee.benchmarks.gamgee.SoakWorkload;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Deadline;
import io.gamgee.benchmarks.harness.EngineWorkloads;
import io.gamgee.benchmarks.harness.Options;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import io.gamgee.benchmarks.peers.DbSchedulerSystem;
import io.gamgee.benchmarks.peers.DbosSystem;
import io.gamgee.benchmarks.peers.FlowableSystem;
import io.gamgee.benchmarks.peers.JobRunrSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every system the harness knows, and the workloads only Gamgee runs. */
final class Systems {

    private Systems() {
    }

    static List<SystemUnderTest> all() {
        return List.of(new GamgeeSystem(), new FlowableSystem(), new JobRunrSystem(), new DbSchedulerSystem(), new DbosSystem());
    }

    static List<SystemUnderTest> selected(Set<String> keys) {
        List<SystemUnderTest> selected = new ArrayList<>();
        for (SystemUnderTest system : all()) {
            if (keys.contains(system.key())) {
                selected.add(system);
            }
        }
        for (String key : keys) {
            if (all().stream().noneMatch(s -> s.key().equals(key))) {
                throw new IllegalArgumentException("unknown system " + key + " (known: "
                        + all().stream().map(SystemUnderTest::key).toList() + ")");
            }
        }
        return selected;
    }

    static BenchmarkMain.Measured backlog(Options options, EngineWorkloads engineWorkloads,
            Database database) {
        return () -> new BacklogWorkload(options, engineWorkloads).run(database);
    }

    static BenchmarkMain.Measured fork(Database database) {
        return () -> new ForkWorkload().run(database);
    }

    static BenchmarkMain.Measured waits(EngineWorkloads engineWorkloads, Database database) {
        return () -> new WaitWorkload(engineWorkloads).run(database);
    }

    static BenchmarkMain.Measured soak(Options options, Deadline deadline) {
        return () -> new SoakWorkload(options, deadline).run();
    }

    static BenchmarkMain.Measured compiler(Options options) {
        return () -> new CompilerWorkload(options.compilerStates()).measure();
    }
}
