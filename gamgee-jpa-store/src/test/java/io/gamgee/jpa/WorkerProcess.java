package io.gamgee.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.FetchStrategy;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker JVM for the multi-process tests: a {@link WorkerPool} running shipments until the test
 * closes its stdin or kills it.
 *
 * <pre>
 * WorkerProcess &lt;jdbc-url | h2:dir&gt; &lt;worker-id&gt; &lt;threads&gt; &lt;lease-ms&gt; [block:step | pace:ms]
 * </pre>
 *
 * With {@code block:step}, the worker prints {@code BLOCKED <step>} when it reaches that step and
 * then waits inside it, holding the lease, until the test kills the JVM. With {@code pace:ms}
 * every step takes that long, like a step that calls another service.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String workerId = args[1];
        int threads = Integer.parseInt(args[2]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        String behaviour = args.length > 4 ? args[4] : "pace:0";
        String blockAt = behaviour.startsWith("block:") ? behaviour.substring(6) : null;
        long paceMillis = behaviour.startsWith("pace:") ? Long.parseLong(behaviour.substring(5)) : 0;

        JpaStateStore store = target.startsWith("h2:")
                ? JpaStateStore.h2(Path.of(target.substring(3)))
                : JpaStateStore.builder().dataSource(pool(target, threads)).build();
        WorkflowRegistry registry = WorkflowRegistry.of(() -> new ShipmentWorkflow(step -> {
            if (step.equals(blockAt)) {
                System.out.println("BLOCKED " + step);
                System.out.flush();
                sleep(Long.MAX_VALUE);
            }
            sleep(paceMillis);
        }));
        try (WorkerPool pool = WorkerPool.builder(registry, store).workerId(workerId).threads(threads).lease(lease)
                .fetchStrategy(FetchStrategy.OLDEST).query(ShipmentRun.SHIPMENTS).build()) {
            pool.start();
            System.out.println("READY " + workerId);
            System.out.flush();
            try {
                while (System.in.read() >= 0) {
                    // the test ends a worker by closing its stdin
                }
            } catch (IOException e) {
                // the test is gone
            }
        }
        store.close();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static HikariDataSource pool(String url, int threads) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(url.contains("mariadb") ? "root" : "postgres");
        config.setPassword("");
        config.setMaximumPoolSize(threads + 1);
        return new HikariDataSource(config);
    }
}
