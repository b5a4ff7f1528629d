package io.gamgee.benchmarks.peers;

import com.zaxxer.hikari.HikariDataSource;
import io.gamgee.benchmarks.harness.Database;
import io.gamgee.benchmarks.harness.Engine;
import io.gamgee.benchmarks.harness.LastStepSignal;
import io.gamgee.benchmarks.harness.SystemUnderTest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;

/**
 * JobRunr: job 1 enqueues job 2 enqueues job 3 (job requests with handlers), 4 workers, on the
 * shortest poll interval its SQL storage accepts.
 */
public final class JobRunrSystem implements SystemUnderTest {

    private static final int POOL = 8;
    // JobRunr's SQL storage rejects anything shorter ("The smallest supported pollInterval is 5 seconds")
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "JobRunr";
    }

    @Override
    public String key() {
        return "jobrunr";
    }

    @Override
    public String version() {
        return "JobRunr " + Versions.of(JobRunr.class);
    }

    @Override
    public Optional<String> unsupported(Database database) {
        return database == Database.MARIADB ? Optional.of("peers run on H2 and PostgreSQL only") : Optional.empty();
    }

    @Override
    public String settings(Database database) {
        return "job requests chained by their handlers, 4 workers, poll interval " + POLL_INTERVAL.toSeconds()
                + " s (the minimum for SQL storage), Hikari pool " + POOL;
    }

    @Override
    public Engine open(Database.Fresh database, LastStepSignal signal) {
        HikariDataSource pool = database.pool(POOL);
        try {
            StorageProvider storage = SqlStorageProviderFactory.using(pool);
            Handlers handlers = new Handlers(signal);
            JobRunrConfigurationResult result = JobRunr.configure()
                    .useStorageProvider(storage)
                    .useJobActivator(handlers)
                    .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(4)
                            .andPollInterval(POLL_INTERVAL), false)
                    .initialize();
            handlers.scheduler = result.getJobRequestScheduler();
            return new JobRunrEngine(result.getJobRequestScheduler(), result.getBackgroundJobServer(), storage, pool);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** Job {@code step} of workflow {@code n} has a fixed id, so completion is one lookup. */
    static UUID jobId(int n, int step) {
        return new UUID(step, n);
    }

    private record JobRunrEngine(JobRequestScheduler scheduler, BackgroundJobServer server, StorageProvider storage,
            HikariDataSource pool) implements Engine {

        @Override
        public String submit(int n) {
            scheduler.enqueue(jobId(n, 1), new StepA(n));
            return Integer.toString(n);
        }

        @Override
        public void startWorkers() {
            server.start();
        }

        @Override
        public long completedCount() throws Exception {
            return Sql.count(pool, "SELECT COUNT(*) FROM jobrunr_jobs WHERE state = 'SUCCEEDED' AND id LIKE ?",
                    "00000000-0000-0003-%");
        }

        @Override
        public boolean isCompleted(String handle) {
            try {
                return storage.getJobById(jobId(Integer.parseInt(handle), 3)).getState() == StateName.SUCCEEDED;
            } catch (JobNotFoundException e) {
                return false;
            }
        }

        @Override
        public void close() {
            server.stop();
            JobRunr.destroy();
            storage.close();
            pool.close();
        }
    }

    /** First step. */
    public record StepA(int n) implements JobRequest {
        @Override
        public Class<StepAHandler> getJobRequestHandler() {
            return StepAHandler.class;
        }
    }

    /** Second step. */
    public record StepB(int n) implements JobRequest {
        @Override
        public Class<StepBHandler> getJobRequestHandler() {
            return StepBHandler.class;
        }
    }

    /** Last step. */
    public record StepC(int n) implements JobRequest {
        @Override
        public Class<StepCHandler> getJobRequestHandler() {
            return StepCHandler.class;
        }
    }

    /** Runs step a, enqueues b. */
    public static final class StepAHandler implements JobRequestHandler<StepA> {
        private final Handlers handlers;

        StepAHandler(Handlers handlers) {
            this.handlers = handlers;
        }

        @Override
        public void run(StepA request) {
            handlers.scheduler.enqueue(jobId(request.n(), 2), new StepB(request.n()));
        }
    }

    /** Runs step b, enqueues c. */
    public static final class StepBHandler implements JobRequestHandler<StepB> {
        private final Handlers handlers;

        StepBHandler(Handlers handlers) {
            this.handlers = handlers;
        }

        @Override
        public void run(StepB request) {
            handlers.scheduler.enqueue(jobId(request.n(), 3), new StepC(request.n()));
        }
    }

    /** Runs step c. */
    public static final class StepCHandler implements JobRequestHandler<StepC> {
        private final Handlers handlers;

        StepCHandler(Handlers handlers) {
            this.handlers = handlers;
        }

        @Override
        public void run(StepC request) {
            handlers.signal.lastStepRan();
        }
    }

    /** Hands JobRunr the handlers, which need the scheduler and the signal. */
    static final class Handlers implements JobActivator {
        private final LastStepSignal signal;
        volatile JobRequestScheduler scheduler;

        Handlers(LastStepSignal signal) {
            this.signal = signal;
        }

        @Override
        public <T> T activateJob(Class<T> type) {
            Object handler;
            if (type == StepAHandler.class) {
                handler = new StepAHandler(this);
            } else if (type == StepBHandler.class) {
                handler = new StepBHandler(this);
            } else if (type == StepCHandler.class) {
                handler = new StepCHandler(this);
            } else {
                return null;
            }
            return type.cast(handler);
        }
    }
}
