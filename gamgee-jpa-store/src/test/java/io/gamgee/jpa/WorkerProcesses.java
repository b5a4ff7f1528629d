package io.gamgee.jpa;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts {@link WorkerProcess} JVMs with the test classpath and the running JDK. */
final class WorkerProcesses {

    private WorkerProcesses() {
    }

    static Process start(Path log, String... args) throws IOException {
        return startMain(WorkerProcess.class, log, args);
    }

    /** Starts {@code main}'s JVM with the test classpath; its output goes to {@code log}, or to the caller if {@code null}. */
    static Process startMain(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return builder.start();
    }

    /** Reads the process's output until a line starts with {@code prefix}; fails after {@code timeout}. */
    static void awaitLine(Process process, String prefix, Duration timeout) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> found = CompletableFuture.runAsync(() -> {
            List<String> seen = new ArrayList<>();
            try {
                String line;
                while ((line = output.readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        return;
                    }
                    seen.add(line);
                }
                throw new IllegalStateException("worker exited before printing " + prefix + "; its output: "
                        + String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends a worker: closes its stdin (it drains and exits), then kills it if it does not. */
    static void stop(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static File logFile(String name) {
        return Path.of("target", name + ".log").toFile();
    }
}
