package io.gamgee.benchmarks;

import io.gamgee.benchmarks.gamgee.DashboardProbe;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Deadline;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.EngineWorkloads;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Options;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.benchmarks.harness.Report;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import io.gamgee.benchmarks.limit.RawJdbcLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Runs the selected workloads on the selected systems and databases, prints the results table and
 * writes it, with the machine and the settings, to {@code <output>/<date>.md} (a later run of the
 * same day to {@code <date>-2.md}, and so on).
 */
public final class BenchmarkMain {

    private final Options options;
    private final Report report;
    private final Deadline deadline;
    private final EngineWorkloads engineWorkloads;

    private BenchmarkMain(Options options, Report report) {
        this.options = options;
        this.report = report;
        this.deadline = Deadline.in(options.maxDuration());
        this.engineWorkloads = new EngineWorkloads(options, deadline);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ZonedDateTime startedAt = ZonedDateTime.now();
        Report report = new Report(startedAt, "java -jar benchmarks/target/gamgee-benchmarks.jar " + String.join(" ", args));
        long start = System.nanoTime();
        new BenchmarkMain(options, report).run();
        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        String markdown = report.markdown(elapsed);
        System.out.println(markdown);
        Path file = write(options.output(), startedAt, markdown);
        Progress.log("results written to %s", file);
        // peers leave non-daemon threads behind (pool housekeepers, schedulers)
        System.exit(0);
    }

    /** Cheap and most important first, so that a run cut short by its deadline loses the least. */
    private void run() {
        List<SystemUnderTest> systems = Systems.selected(options.systems());
        recordSettings(systems);
        if (options.runs("w4")) {
            Progress.log("W4 compiler");
            guarded("W4 compiler", "Gamgee compiler", null, Systems.compiler(options));
        }
        for (Database database : options.databases()) {
            if (options.runs("limit")) {
                Progress.log("limit on %s", database.displayName());
                guarded("limit", RawJdbcLimit.SYSTEM, database, () -> new RawJdbcLimit(options, database).measure());
            }
        }
        for (Database database : options.databases()) {
            for (SystemUnderTest system : systems) {
                if (options.runs("w1")) {
                    onEngine("W1 throughput", system, database, "w1", true, (engine, signal) ->
                            engineWorkloads.throughput("W1 throughput", system.name(), database, engine, signal, ""));
                }
                if (options.runs("w2")) {
                    onEngine("W2 latency", system, database, "w2", false, (engine, signal) ->
                            engineWorkloads.latency(system.name(), database, engine, signal));
                }
            }
        }
        if (systems.stream().anyMatch(s -> s.key().equals("gamgee")) && (options.runs("w3") || options.runs("claim"))) {
            for (Database database : options.databases()) {
                guarded("W3 backlog", Report.GAMGEE, database, Systems.backlog(options, engineWorkloads, database));
            }
        }
        if (systems.stream().anyMatch(s -> s.key().equals("gamgee")) && options.runs("w5")) {
            for (Database database : options.databases()) {
                Progress.log("W5 fork: Gamgee on %s", database.displayName());
                guarded("W5 fork", Report.GAMGEE, database, Systems.fork(database));
            }
        }
        if (systems.stream().anyMatch(s -> s.key().equals("gamgee")) && options.runs("w6")) {
            for (Database database : options.databases()) {
                Progress.log("W6 waits: Gamgee on %s", database.displayName());
                guarded("W6 waits", Report.GAMGEE, database, Systems.waits(engineWorkloads, database));
            }
        }
        if (systems.stream().anyMatch(s -> s.key().equals("gamgee")) && options.runs("dashboard")) {
            for (Database database : options.databases()) {
                guarded("Dashboard queries", Report.GAMGEE, database, () -> new DashboardProbe().run(database));
            }
        }
        if (options.runs("soak")) {
            Progress.log("soak: %,d workflows on the embedded H2 file", options.soakWorkflows());
            guarded("Soak (H2 file)", Report.GAMGEE, Database.H2, Systems.soak(options, deadline));
        }
    }

    private void recordSettings(List<SystemUnderTest> systems) {
        for (Database database : options.databases()) {
            report.databaseVersion(database, database.version());
        }
        for (SystemUnderTest system : systems) {
            StringBuilder text = new StringBuilder(system.version());
            for (Database database : options.databases()) {
                Optional<String> unsupported = system.unsupported(database);
                text.append("; ").append(database.displayName()).append(": ")
                        .append(unsupported.map(reason -> "not run (" + reason + ")").orElse(system.settings(database)));
            }
            report.settings(system.name(), text.toString());
        }
    }

    /** Runs {@code body} on the system opened on a fresh database; {@code counted}: with its JDBC calls counted. */
    private void onEngine(String workload, SystemUnderTest system, Database database, String run, boolean counted,
            EngineRun body) {
        Optional<String> unsupported = system.unsupported(database);
        if (unsupported.isPresent()) {
            report.add(List.of(Measurement.missing(workload, system.name(), database, unsupported.get())));
            return;
        }
        Progress.log("%s: %s on %s", workload, system.name(), database.displayName());
        guarded(workload, system.name(), database, () -> {
            LastStepSignal signal = new LastStepSignal();
            Database.Fresh fresh = database.fresh((system.key() + "_" + run).replace('-', '_'));
            try (Engine engine = counted ? system.openCounted(fresh, signal) : system.open(fresh, signal)) {
                return body.run(engine, signal);
            }
        });
    }

    private void guarded(String workload, String system, Database database, Measured body) {
        if (deadline.passed()) {
            Progress.log("  skipped: the run reached its %d-minute limit", deadline.total().toMinutes());
            report.add(List.of(Measurement.missing(workload, system, database,
                    "skipped: the run reached its " + deadline.total().toMinutes() + "-minute limit")));
            return;
        }
        try {
            report.add(body.get());
        } catch (Throwable e) {
            Progress.log("  FAILED: %s", e);
            if (Boolean.getBoolean("gamgee.bench.trace")) {
                e.printStackTrace();
            }
            report.add(List.of(Measurement.missing(workload, system, database, "failed: " + rootMessage(e))));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static Path write(Path directory, ZonedDateTime startedAt, String markdown) throws IOException {
        Files.createDirectories(directory);
        String date = startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd"));
        // a later run of the same day is kept beside the earlier one: one run is one sample
        Path file = directory.resolve(date + ".md");
        for (int run = 2; Files.exists(file); run++) {
            file = directory.resolve(date + "-" + run + ".md");
        }
        Files.writeString(file, markdown);
        return file;
    }

    /** Something that produces measurements. */
    @FunctionalInterface
    public interface Measured {
        List<Measurement> get() throws Exception;
    }

    /** A workload run on an opened engine. */
    @FunctionalInterface
    interface EngineRun {
        List<Measurement> run(Engine engine, LastStepSignal signal) throws Exception;
    }

}
