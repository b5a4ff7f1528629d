package io.gamgee.benchmarks.harness;

import java.util.Optional;

/** Gamgee or a peer engine: what it is called, where it runs and how it was configured. */
public interface SystemUnderTest {

    /** The name in the table, e.g. {@code Gamgee}, {@code db-scheduler}. */
    String name();

    /** The command-line key, e.g. {@code gamgee}, {@code db-scheduler}. */
    String key();

    /** The library version. */
    String version();

    /** Why the system cannot run on this database, or empty if it can. */
    default Optional<String> unsupported(Database database) {
        return Optional.empty();
    }

    /** The throughput settings used on this database, for the results file. */
    String settings(Database database);

    /**
     * Opens the system on a fresh database with its workers stopped.
     *
     * @param signal to call from the workflow's last step
     */
    Engine open(Database.Fresh database, LastStepSignal signal) throws Exception;

    /**
     * Opens the system as {@link #open} does, with its store's JDBC calls counted by a {@link
     * JdbcCounter} if the system supports that (Gamgee); others open uncounted.
     */
    default Engine openCounted(Database.Fresh database, LastStepSignal signal) throws Exception {
        return open(database, signal);
    }
}
