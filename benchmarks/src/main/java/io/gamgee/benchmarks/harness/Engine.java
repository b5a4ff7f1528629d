package io.gamgee.benchmarks.harness;

import java.util.Optional;

/**
 * One system (Gamgee or a peer) opened on one fresh database, running the 3-step workflow
 * {@code a → b → c}. Its last step calls {@link LastStepSignal#lastStepRan()}.
 */
public interface Engine extends AutoCloseable {

    /**
     * Durably submits workflow number {@code n}. Safe to call from several threads, before or after
     * {@link #startWorkers()}.
     *
     * @return a handle for {@link #isCompleted(String)}
     */
    String submit(int n) throws Exception;

    /** Starts the 4 workers; until then submitted workflows wait. */
    void startWorkers() throws Exception;

    /** How many workflows the system has durably recorded as completed. */
    long completedCount() throws Exception;

    /** Whether the workflow with this handle is durably recorded as completed. */
    boolean isCompleted(String handle) throws Exception;

    /**
     * The counter of the JDBC calls the system's store makes, if it was {@link
     * SystemUnderTest#openCounted opened counted}; {@link EngineWorkloads#throughput} reports its counts
     * per step.
     */
    default Optional<JdbcCounter> jdbcCounter() {
        return Optional.empty();
    }

    /** Stops the workers and releases connections. */
    @Override
    void close() throws Exception;
}
