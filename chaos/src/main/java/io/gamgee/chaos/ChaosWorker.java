package io.gamgee.chaos;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.Query;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.jpa.JpaStateStore;
import java.io.IOException;
import java.time.Duration;

/**
 * A worker JVM of the chaos run: a {@link WorkerPool} running chaos orders until its stdin closes
 * (then it drains and exits) or it is killed.
 *
 * <pre>
 * ChaosWorker &lt;jdbc-url&gt; &lt;user&gt; &lt;worker-id&gt; &lt;threads&gt; &lt;lease-ms&gt; &lt;pace-ms&gt;
 * </pre>
 */
public final class ChaosWorker {

    private ChaosWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String workerId = args[2];
        int threads = Integer.parseInt(args[3]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
        long paceMillis = Long.parseLong(args[5]);

        try (HikariDataSource storeConnections = pool(url, user, "store", threads + 1);
                HikariDataSource serviceConnections = pool(url, user, "service", threads);
                JpaStateStore store = JpaStateStore.builder().dataSource(storeConnections)
                        .purgeInterval(Duration.ZERO).build()) {
            StepExecutions executions = new StepExecutions(serviceConnections);
            WorkflowRegistry registry = WorkflowRegistry.of(() -> new ChaosOrderWorkflow(executions, paceMillis));
            try (WorkerPool pool = WorkerPool.builder(registry, store).workerId(workerId).threads(threads).lease(lease)
                    .query(Query.workflowType(ChaosOrderWorkflowBase.DEFINITION.workflowType())).build()) {
                pool.start();
                System.out.println("READY " + workerId);
                System.out.flush();
                try {
                    while (System.in.read() >= 0) {
                        // the run ends a worker by closing its stdin
                    }
                } catch (IOException e) {
                    // the run is gone
                }
            }
        }
        System.out.println("STOPPED " + workerId);
    }

    /** A short connection timeout, so that a step or a claim notices a restarting database quickly. */
    static HikariDataSource pool(String url, String user, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5_000);
        // a worker started while the database restarts must start and wait for it, as a real node does
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
