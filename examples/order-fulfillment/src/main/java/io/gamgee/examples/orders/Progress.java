package io.gamgee.examples.orders;

import io.gamgee.core.WorkflowStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws how many orders wait at each step: redrawn in place on a terminal, one line a second otherwise. */
final class Progress {

    private static final List<String> STEPS = List.of("reserveStock", "chargePayment", "ship", "refund", "notifyCustomer");
    private static final int BAR = 30;

    private final boolean terminal;
    private int linesDrawn;
    private long lastPlainLine;

    Progress(boolean terminal) {
        this.terminal = terminal;
    }

    void draw(List<WorkflowStatus> waiting, long done, long total, Duration elapsed, long paymentTimeouts) {
        Map<String, long[]> byStep = new LinkedHashMap<>();
        STEPS.forEach(step -> byStep.put(step, new long[2]));
        for (WorkflowStatus status : waiting) {
            long[] counts = byStep.computeIfAbsent(status.step(), step -> new long[2]);
            counts[0]++;
            if (status.attempts() > 0) {
                counts[1]++;
            }
        }
        if (terminal) {
            drawTable(byStep, done, total, elapsed, paymentTimeouts);
        } else if (waiting.isEmpty() || elapsed.toSeconds() > lastPlainLine) {
            lastPlainLine = elapsed.toSeconds();
            StringBuilder line = new StringBuilder(String.format("%5.1fs  done %d/%d", elapsed.toMillis() / 1000.0, done, total));
            byStep.forEach((step, counts) -> line.append(String.format("  %s %d", step, counts[0])));
            System.out.println(line.append(String.format("  payment timeouts %d", paymentTimeouts)));
        }
    }

    private void drawTable(Map<String, long[]> byStep, long done, long total, Duration elapsed, long paymentTimeouts) {
        StringBuilder out = new StringBuilder();
        if (linesDrawn > 0) {
            out.append("\033[").append(linesDrawn).append('A');
        }
        int lines = 0;
        for (Map.Entry<String, long[]> entry : byStep.entrySet()) {
            long[] counts = entry.getValue();
            out.append(String.format("\033[2K  %-16s %5d waiting%s%n", entry.getKey(), counts[0],
                    counts[1] > 0 ? String.format("  (%d retrying after a failure)", counts[1]) : ""));
            lines++;
        }
        int filled = total == 0 ? BAR : (int) (BAR * done / total);
        out.append(String.format("\033[2K  [%s%s] %d/%d done  %.1f s  payment timeouts retried: %d%n",
                "#".repeat(filled), ".".repeat(BAR - filled), done, total, elapsed.toMillis() / 1000.0, paymentTimeouts));
        lines++;
        System.out.print(out);
        System.out.flush();
        linesDrawn = lines;
    }
}
