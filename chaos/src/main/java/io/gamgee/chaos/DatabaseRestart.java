package io.gamgee.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restarts the PostgreSQL server once, mid-run. By default with
 * {@code pg_ctlcluster --skip-systemctl-redirect <version> main restart} for the only cluster under
 * {@code /etc/postgresql}; {@code --restart-command} names another.
 */
final class DatabaseRestart {

    /**
     * What happened.
     *
     * @param command the command run, or {@code null} when none could be
     * @param skipped why no restart was attempted, or {@code null}
     * @param exitCode the command's exit code
     * @param output the command's output
     * @param downMillis from issuing the command until the database answered again
     * @param startedBefore server start time before
     * @param startedAfter server start time after, {@code null} if it never answered
     */
    record Outcome(String command, String skipped, int exitCode, String output, long downMillis,
            OffsetDateTime startedBefore, OffsetDateTime startedAfter) {

        boolean restarted() {
            return skipped == null && exitCode == 0 && startedAfter != null && startedAfter.isAfter(startedBefore);
        }
    }

    /**
     * How the server would be restarted.
     *
     * @param command the shell command, or {@code null} when there is none
     * @param missing why there is none, or {@code null}
     */
    record Plan(String command, String missing) {
    }

    private DatabaseRestart() {
    }

    /** The command that restarts the server: {@code configured}, or {@code pg_ctlcluster} for the only cluster. */
    static Plan plan(String configured) {
        if (configured != null) {
            return configured.equals("none") ? new Plan(null, "--restart-command=none") : new Plan(configured, null);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))) {
            return new Plan(null, "pg_ctlcluster is not installed; pass --restart-command");
        }
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            List<String> names = versions.map(path -> path.getFileName().toString()).sorted().toList();
            if (names.size() != 1) {
                return new Plan(null, "expected one cluster version under /etc/postgresql, found " + names
                        + "; pass --restart-command");
            }
            return new Plan("pg_ctlcluster --skip-systemctl-redirect " + names.get(0) + " main restart", null);
        } catch (IOException e) {
            return new Plan(null, "cannot list /etc/postgresql (" + e.getMessage() + "); pass --restart-command");
        }
    }

    /** Runs {@code command} and waits until the database answers again (at most a minute). */
    static Outcome run(String command, ChaosDatabase database) throws IOException, InterruptedException {
        OffsetDateTime before;
        try {
            before = database.serverStartedAt();
        } catch (java.sql.SQLException e) {
            return new Outcome(command, "the database did not answer before the restart: " + e.getMessage(), -1, "", 0,
                    null, null);
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exitCode = ended ? process.exitValue() : -1;
        OffsetDateTime after = null;
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (after == null && System.nanoTime() < giveUpAt) {
            try {
                after = database.serverStartedAt();
            } catch (java.sql.SQLException e) {
                Thread.sleep(100);
            }
        }
        return new Outcome(command, null, exitCode, output, (System.nanoTime() - start) / 1_000_000, before, after);
    }
}
