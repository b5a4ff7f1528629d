package io.gamgee.jpa;

import io.gamgee.core.FetchStrategy;
import io.gamgee.core.WorkerPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool of eight worker threads pushes 10,000 three-step shipments through one store; every shipment
 * completes and every transition is in the history exactly once. The run's steps per second are
 * logged, not asserted.
 */
class ConcurrentWorkersTest {

    private static final int SHIPMENTS = 10_000;
    private static final int WORKERS = Integer.getInteger("gamgee.test.workers", 8);

    @Test
    void eightWorkersOnH2File(@TempDir Path dir) throws Exception {
        try (JpaStateStore store = JpaStateStore.builder().h2(dir).h2PoolSize(WORKERS + 2).build()) {
            run(store, "H2 file", FetchStrategy.OLDEST);
        }
    }

    @Test
    void eightWorkersOnPostgres() throws Exception {
        javax.sql.DataSource dataSource = Databases.postgres();
        try (JpaStateStore store = JpaStateStore.builder().dataSource(dataSource).createSchema(true).build()) {
            TestTables.deleteType(dataSource, io.gamgee.jpa.workflow.ShipmentWorkflowBase.DEFINITION.workflowType());
            run(store, "PostgreSQL", FetchStrategy.OLDEST);
        }
    }

    @Test
    void eightWorkersClaimingRandomlyOnPostgres() throws Exception {
        javax.sql.DataSource dataSource = Databases.postgres();
        try (JpaStateStore store = JpaStateStore.builder().dataSource(dataSource).createSchema(true).build()) {
            TestTables.deleteType(dataSource, io.gamgee.jpa.workflow.ShipmentWorkflowBase.DEFINITION.workflowType());
            run(store, "PostgreSQL, RANDOM", FetchStrategy.RANDOM, 2_000);
        }
    }

    private static void run(JpaStateStore store, String database, FetchStrategy strategy) throws Exception {
        run(store, database, strategy, SHIPMENTS);
    }

    private static void run(JpaStateStore store, String database, FetchStrategy strategy, int shipments)
            throws Exception {
        List<String> ids = ShipmentRun.submit(store, "concurrent", shipments);
        long start = System.nanoTime();
        long steps;
        try (WorkerPool pool = ShipmentRun.pool(store, "worker", WORKERS, Duration.ofMinutes(1), strategy)) {
            pool.start();
            ShipmentRun.awaitCompleted(store, shipments, Duration.ofMinutes(4));
            steps = pool.stepsExecuted();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s, %d workers, %s: %d steps in %.1f s = %.0f steps/s%n", database, WORKERS, strategy,
                steps, seconds, steps / seconds);
        ShipmentRun.assertEachStepRanOnce(store, ids);
    }
}
