package io.gamgee.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one logger logs while open, instead of printing it into the build's log, so that a
 * test can assert the lines it expects and a passing build prints no stack traces.
 */
final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder(Logger logger) {
        this.logger = logger;
        this.parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /** Starts recording the logger of {@code type} (the name its class logs under). */
    static LogRecorder of(Class<?> type) {
        return new LogRecorder(Logger.getLogger(type.getName()));
    }

    /** The records at {@code WARNING} or above, in order. */
    List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
