package io.gamgee.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The worker JVMs of a run, started on this JVM's classpath and JDK. A killed worker is replaced by
 * a new JVM in the same slot under a new worker id ({@code w2.g3}: slot 2, third generation).
 */
final class WorkerFleet implements AutoCloseable {

    private final ChaosOptions options;
    private final Path log;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> workerIds = new ArrayList<>();
    private final int[] generations;

    WorkerFleet(ChaosOptions options, Path log) {
        this.options = options;
        this.log = log;
        this.generations = new int[options.workers()];
    }

    void startAll() throws IOException {
        for (int slot = 0; slot < options.workers(); slot++) {
            processes.add(null);
            workerIds.add(null);
            start(slot);
        }
    }

    int size() {
        return processes.size();
    }

    String workerId(int slot) {
        return workerIds.get(slot);
    }

    /**
     * Kills the worker in {@code slot} with SIGKILL (what {@code destroyForcibly} sends on Linux, as
     * {@code kill -9}), waits for it to die, and starts its replacement.
     */
    void killAndRestart(int slot) throws IOException, InterruptedException {
        Process victim = processes.get(slot);
        victim.destroyForcibly();
        if (!victim.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker " + workerIds.get(slot) + " did not die of SIGKILL within 30 s");
        }
        start(slot);
    }

    /** The exit code of the worker in {@code slot} if it exited by itself (a killed one is replaced at once), else empty. */
    OptionalInt exitCode(int slot) {
        Process process = processes.get(slot);
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Closes every worker's stdin so it drains and exits; kills those still running after 20 s. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process process : processes) {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void start(int slot) throws IOException {
        generations[slot]++;
        String workerId = "w" + (slot + 1) + ".g" + generations[slot];
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChaosWorker.class.getName());
        command.addAll(List.of(options.url(), options.user(), workerId, Integer.toString(options.threads()),
                Long.toString(options.leaseMillis()), Long.toString(options.paceMillis())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.set(slot, process);
        workerIds.set(slot, workerId);
    }
}
