package io.gamgee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.store.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Three worker JVMs share 5,000 three-step shipments on PostgreSQL. One is killed with SIGKILL
 * mid-run and started again; the shipments it held become due when their 2 s leases expire and are
 * finished by whoever claims them. Every shipment completes, no lease is left behind, and every
 * transition is in the history exactly once.
 */
class MultiProcessWorkersTest {

    private static final int SHIPMENTS = 5_000;
    private static final String LEASE_MS = "2000";
    /** Steps take a moment, so that a worker is almost always inside one when it is killed. */
    private static final String PACE = "pace:2";

    @Test
    void workersSurviveAKilledPeer() throws Exception {
        DataSource dataSource = Databases.postgres();
        String url = Databases.postgresUrl();
        Path log = Path.of("target", "multi-process-workers.log");
        Files.deleteIfExists(log);
        try (JpaStateStore store = JpaStateStore.builder().dataSource(dataSource).createSchema(true).build()) {
            TestTables.deleteType(dataSource, io.gamgee.jpa.workflow.ShipmentWorkflowBase.DEFINITION.workflowType());
            List<String> ids = ShipmentRun.submit(store, "multi", SHIPMENTS);

            List<Process> workers = new ArrayList<>();
            try {
                for (String id : List.of("w1", "w2", "w3")) {
                    // named, so that the test can tell when the server has ended the killed one's sessions
                    workers.add(WorkerProcesses.start(log, url + "&ApplicationName=gamgee-" + id, id, "2", LEASE_MS,
                            PACE));
                }
                ShipmentRun.awaitCompleted(store, SHIPMENTS / 4, Duration.ofMinutes(2));
                assertThat(store.count(ShipmentRun.SHIPMENTS, io.gamgee.core.store.InstanceStatus.COMPLETED))
                        .as("progress before the kill").isBetween((long) SHIPMENTS / 4, (long) SHIPMENTS - 1);

                Process victim = workers.get(1);
                // kill it while it holds work (on a loaded machine it may be between claims for a moment)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (leasedBy(dataSource, "w2-%").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                victim.destroyForcibly();
                assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // a commit the victim sent just before it died still lands: read what it held after that
                awaitNoSessions(dataSource, "gamgee-w2");
                List<String> orphaned = leasedBy(dataSource, "w2-%");
                workers.set(1, WorkerProcesses.start(log, url, "w2-restarted", "2", LEASE_MS, PACE));

                ShipmentRun.awaitCompleted(store, SHIPMENTS, Duration.ofMinutes(3));
                System.out.printf("killed w2 while it held %d shipments; all %d completed%n", orphaned.size(),
                        SHIPMENTS);

                assertThat(orphaned).as("shipments the killed worker held").isNotEmpty();
                for (String id : orphaned) {
                    List<StepRecord> history = store.history(id);
                    assertThat(history.get(history.size() - 1).workerId()).as(id).isNotIn("w2-0", "w2-1");
                }
            } finally {
                for (Process worker : workers) {
                    WorkerProcesses.stop(worker);
                }
            }
            ShipmentRun.assertEachStepRanOnce(store, ids);
            assertThat(leasedBy(dataSource, null)).as("instances still leased").isEmpty();
        }
    }

    private static void awaitNoSessions(DataSource dataSource, String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                            + "WHERE application_name = '" + applicationName + "'")) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server still has sessions of " + applicationName);
            }
            Thread.sleep(5);
        }
    }

    /** Shipments leased by workers matching the {@code LIKE} pattern, or by anyone when {@code null}. */
    private static List<String> leasedBy(DataSource dataSource, String worker) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT instance_id FROM gamgee_instance WHERE workflow_type = '"
                        + io.gamgee.jpa.workflow.ShipmentWorkflowBase.DEFINITION.workflowType() + "' AND lease_owner "
                        + (worker == null ? "IS NOT NULL" : "LIKE '" + worker + "'"))) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
