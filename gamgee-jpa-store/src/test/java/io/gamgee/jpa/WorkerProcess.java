package io.gamgee.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.core.FetchStrategy;
import io.gamgee.jpa.workflow.ShipmentWorkflow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker JVM for the multi-process tests: runs shipments until it is killed.
 *
 * <pre>
 * WorkerProcess &lt;jdbc-url | h2:dir&gt; &lt;worker-id&gt; &lt;threads&gt; &lt;lease-ms&gt; [block-at-step]
 * </pre>
 *
 * With a step to block at, the worker prints {@code BLOCKED <step>} when it reaches that step and
 * then waits forever inside it, holding the lease, until the test kills the JVM.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String workerId = args[1];
        int threads = Integer.parseInt(args[2]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        String blockAt = args.length > 4 ? args[4] : null;

        JpaStateStore store = target.startsWith("h2:")
                ? JpaStateStore.h2(Path.of(target.substring(3)))
                : JpaStateStore.builder().dataSource(pool(target, threads)).build();
        ShipmentWorkflow workflow = new ShipmentWorkflow(step -> {
            if (step.equals(blockAt)) {
                System.out.println("BLOCKED " + step);
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(new StepLoop(store, workflow, workerId, lease, FetchStrategy.OLDEST, stop),
                    workerId + "-" + i);
            thread.start();
            running.add(thread);
        }
        System.out.println("READY " + workerId);
        System.out.flush();
        // the parent ends a worker by closing its stdin, or by killing it
        try {
            while (System.in.read() >= 0) {
                // ignore input
            }
        } catch (IOException e) {
            // parent gone
        }
        stop.set(true);
        for (Thread thread : running) {
            thread.join();
        }
        store.close();
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
