package io.gamgee.benchmarks.harness;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so standard output holds only the table. */
public final class Progress {

    private Progress() {
    }

    /** Prints a timestamped line. */
    public static void log(String format, Object... args) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
    }
}
