package io.gamgee.chaos;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.jpa.JpaStateStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run: submits thousands of orders to a fresh PostgreSQL database, runs them on several
 * worker JVMs while killing one with SIGKILL every few seconds and restarting the database server
 * once, then checks what the database holds. Prints one line per check and {@code N passed, M
 * failed}; exits with 1 when a check failed. Progress goes to standard error.
 */
public final class ChaosMain {

    /** Stopping the workers and checking take well under this; the chaos phase ends this long before the deadline. */
    private static final Duration RESERVED_FOR_CHECKS = Duration.ofSeconds(60);

    private final ChaosOptions options;
    private final ChaosDatabase database;
    private final Report report;
    private final PrintStream progress = System.err;
    private final long startNanos = System.nanoTime();

    private int kills;
    private long leasesHeldByVictims;
    private final List<String> diedOnTheirOwn = new ArrayList<>();
    private DatabaseRestart.Outcome restart;

    private ChaosMain(ChaosOptions options) {
        this.options = options;
        this.database = new ChaosDatabase(options);
        this.report = new Report(System.out);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.print(ChaosOptions.USAGE);
            return;
        }
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new ChaosMain(options).run());
    }

    private int run() throws Exception {
        DatabaseRestart.Plan restartPlan = DatabaseRestart.plan(options.restartCommand());
        Path log = logFile();
        progress.printf("chaos: %,d instances, %d workers × %d threads, %d ms per step, lease %d ms, a kill every "
                + "~%.0f s, database restart: %s, seed %d; worker output in %s%n", options.instances(),
                options.workers(), options.threads(), options.paceMillis(), options.leaseMillis(),
                options.killEverySeconds(), restartPlan.command() != null ? restartPlan.command() : restartPlan.missing(),
                options.seed(), log);

        database.recreate();
        progress.println("chaos: database " + options.database() + " created on PostgreSQL " + database.serverVersion());
        database.execute(StepExecutions.CREATE_TABLE);
        submit();
        long finishedIn;
        try (WorkerFleet fleet = new WorkerFleet(options, log)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    fleet.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            long chaosStart = System.nanoTime();
            fleet.startAll();
            boolean finished = runUnderChaos(fleet, restartPlan);
            finishedIn = finished ? System.nanoTime() - chaosStart : -1;
            progress.println("chaos: stopping the workers");
        }
        report(finishedIn, restartPlan);
        try {
            new Checks(database, options.instances(), report).run();
        } catch (SQLException e) {
            report.check("the database answered the checks", false, e.getMessage());
        }
        report.info("run", String.format("%.0f s in all", seconds(System.nanoTime() - startNanos)));
        report.summary();
        return report.failed() == 0 ? 0 : 1;
    }

    /** Submits the orders through the store, from four threads. */
    private void submit() throws Exception {
        long start = System.nanoTime();
        try (HikariDataSource connections = ChaosWorker.pool(options.url(), options.user(), "submit", 4);
                JpaStateStore store = JpaStateStore.builder().dataSource(connections).createSchema(true)
                        .purgeInterval(Duration.ZERO).build()) {
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int part = 0; part < 4; part++) {
                    int first = part;
                    parts.add(submitters.submit(() -> {
                        ChaosOrderWorkflow workflow = new ChaosOrderWorkflow();
                        for (int number = first; number < options.instances(); number += 4) {
                            workflow.submit(Orders.order(number), store, Orders.id(number));
                        }
                        return null;
                    }));
                }
                for (Future<?> part : parts) {
                    part.get(5, TimeUnit.MINUTES);
                }
            } finally {
                submitters.shutdownNow();
            }
        }
        progress.printf("chaos: %,d instances submitted in %.1f s%n", options.instances(),
                seconds(System.nanoTime() - start));
    }

    /**
     * Kills a random worker every few seconds and restarts the database once 40 % of the instances
     * have ended, until every instance has ended or the chaos phase's time is up.
     *
     * @return whether every instance ended in time
     */
    private boolean runUnderChaos(WorkerFleet fleet, DatabaseRestart.Plan restartPlan) throws Exception {
        Random random = new Random(options.seed());
        long deadline = startNanos + (long) (options.maxMinutes() * 60e9) - RESERVED_FOR_CHECKS.toNanos();
        long nextKill = System.nanoTime() + killInterval(random);
        long nextProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Long> statuses = statuses();
            long ended = statuses.getOrDefault("COMPLETED", 0L) + statuses.getOrDefault("UNRECOVERABLE", 0L);
            if (statuses.isEmpty()) {
                ended = -1; // the database is not answering
            }
            if (ended == options.instances() && statuses.getOrDefault("WAITING", 0L) == 0) {
                progress.printf("chaos: all %,d instances ended%n", ended);
                return true;
            }
            if (System.nanoTime() >= nextProgress) {
                progress.printf("chaos: %5.0f s  %s  kills %d%n", seconds(System.nanoTime() - startNanos), statuses,
                        kills);
                nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
            replaceDeadWorkers(fleet);
            if (System.nanoTime() >= nextKill) {
                kill(fleet, random.nextInt(fleet.size()));
                nextKill = System.nanoTime() + killInterval(random);
            }
            // a restart may take two minutes to give up on a server that does not come back: not too near the deadline
            boolean timeToRestart = deadline - System.nanoTime() > TimeUnit.SECONDS.toNanos(150);
            if (restart == null && restartPlan.command() != null && ended >= options.instances() * 0.4 && timeToRestart) {
                progress.println("chaos: restarting the database: " + restartPlan.command());
                restart = DatabaseRestart.run(restartPlan.command(), database);
                progress.printf("chaos: database back after %,d ms (exit %d%s)%n", restart.downMillis(),
                        restart.exitCode(), restart.output().isEmpty() ? "" : ": " + restart.output());
            }
            Thread.sleep(250);
        }
        progress.println("chaos: time is up before every instance ended");
        return false;
    }

    private void kill(WorkerFleet fleet, int slot) throws Exception {
        String victim = fleet.workerId(slot);
        long held = -1;
        try {
            held = database.count("SELECT count(*) FROM gamgee_instance WHERE lease_until > now() AND (lease_owner = '"
                    + victim + "' OR lease_owner LIKE '" + victim + "-%')");
        } catch (SQLException e) {
            // the database is restarting; the kill goes ahead
        }
        fleet.killAndRestart(slot);
        kills++;
        leasesHeldByVictims += Math.max(0, held);
        progress.printf("chaos: kill -9 %s (holding %s leases), started %s%n", victim, held < 0 ? "?" : held,
                fleet.workerId(slot));
    }

    /** A worker that exits by itself is a finding; it is replaced so that the run can go on. */
    private void replaceDeadWorkers(WorkerFleet fleet) throws Exception {
        for (int slot = 0; slot < fleet.size(); slot++) {
            OptionalInt exitCode = fleet.exitCode(slot);
            if (exitCode.isPresent()) {
                String dead = fleet.workerId(slot) + " (exit " + exitCode.getAsInt() + ")";
                diedOnTheirOwn.add(dead);
                progress.println("chaos: worker " + dead + " died by itself; starting another");
                fleet.killAndRestart(slot);
            }
        }
    }

    private void report(long finishedNanos, DatabaseRestart.Plan restartPlan) {
        report.check("workers killed with SIGKILL and replaced", kills > 0,
                String.format("%d kills of %d worker JVMs × %d threads, the victims holding %,d live leases between "
                        + "them", kills, options.workers(), options.threads(), leasesHeldByVictims));
        report.check("no worker JVM died except by SIGKILL", diedOnTheirOwn.isEmpty(),
                diedOnTheirOwn.isEmpty() ? "none did" : "died: " + diedOnTheirOwn);
        if (restartPlan.command() == null) {
            report.skip("database restarted mid-run", restartPlan.missing());
        } else if (restart == null) {
            report.check("database restarted mid-run", false, "40 % of the instances had not ended 150 s before the deadline");
        } else {
            report.check("database restarted mid-run", restart.restarted(), String.format("`%s` exit %d, "
                    + "server start time %s → %s, database answering again after %,d ms", restart.command(),
                    restart.exitCode(), restart.startedBefore(), restart.startedAfter(), restart.downMillis()));
        }
        report.check("every instance ended before the deadline", finishedNanos >= 0, finishedNanos >= 0
                ? String.format("%,d instances ended %.0f s after the workers started", options.instances(),
                        seconds(finishedNanos))
                : String.format("not all %,d ended within %.1f minutes", options.instances(), options.maxMinutes()));
    }

    /** Instances by status, or an empty map while the database does not answer. */
    private Map<String, Long> statuses() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM gamgee_instance GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            counts.clear();
        }
        return counts;
    }

    private long killInterval(Random random) {
        double seconds = options.killEverySeconds() * (0.8 + 0.4 * random.nextDouble());
        return (long) (seconds * 1e9);
    }

    /** {@code target/chaos-workers.log} next to the jar, emptied. */
    private static Path logFile() throws Exception {
        Path jar = Path.of(ChaosMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path log = (Files.isDirectory(jar) ? jar : jar.getParent()).resolve("chaos-workers.log");
        Files.deleteIfExists(log);
        Files.createFile(log);
        return log;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
