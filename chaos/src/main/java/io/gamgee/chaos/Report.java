package io.gamgee.chaos;

import java.io.PrintStream;

/** The run's verdicts, printed as they come: {@code PASSED}, {@code FAILED}, {@code SKIPPED} or an {@code INFO} figure. */
final class Report {

    private final PrintStream out;
    private int passed;
    private int failed;
    private int skipped;

    Report(PrintStream out) {
        this.out = out;
    }

    void check(String name, boolean ok, String figures) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        line(ok ? "PASSED" : "FAILED", name, figures);
    }

    /** A check that could not run here; it neither passes nor fails the run. */
    void skip(String name, String reason) {
        skipped++;
        line("SKIPPED", name, reason);
    }

    /** A figure that is reported, never judged. */
    void info(String name, String figures) {
        line("INFO", name, figures);
    }

    int failed() {
        return failed;
    }

    /** The last line: {@code N passed, M failed}, and the skipped checks if there were any. */
    void summary() {
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        out.flush();
    }

    private void line(String verdict, String name, String figures) {
        out.printf("%-8s %s: %s%n", verdict, name, figures);
        out.flush();
    }
}
