package io.gamgee.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs a failure that repeats (a store outage retried with backoff) without flooding the log: one
 * line per distinct cause per interval, with how often it happened meanwhile, and the stack trace
 * only the first time a cause is seen.
 */
final class RepeatedWarnings {

    private static final int MAX_CAUSES = 64;

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, long[]> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_CAUSES;
        }
    };

    RepeatedWarnings(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Logs {@code message} about {@code error} unless the same cause was logged within the interval.
     *
     * @return whether a line was written
     */
    boolean warn(String message, Throwable error) {
        String cause = causeOf(error);
        long now = System.nanoTime();
        long suppressed;
        boolean first;
        synchronized (seen) {
            long[] entry = seen.get(cause);
            first = entry == null;
            if (!first && now - entry[0] < intervalNanos) {
                entry[1]++;
                return false;
            }
            suppressed = first ? 0 : entry[1];
            seen.put(cause, new long[] {now, 0});
        }
        String line = suppressed == 0 ? message
                : message + " (" + suppressed + " more times since the last report)";
        if (first) {
            log.log(Level.WARNING, line, error);
        } else {
            log.log(Level.WARNING, line);
        }
        return true;
    }

    /** Forgets every cause: the failures stopped. */
    void clear() {
        synchronized (seen) {
            seen.clear();
        }
    }

    /** A key for "the same failure": the exception types and messages down the cause chain. */
    private static String causeOf(Throwable error) {
        StringBuilder key = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
            key.append(t.getClass().getName()).append(':').append(t.getMessage()).append('|');
            if (t.getCause() == t) {
                break;
            }
        }
        return key.toString();
    }
}
