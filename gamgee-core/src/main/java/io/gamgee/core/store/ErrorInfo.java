package io.gamgee.core.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * The last error of an instance, kept so that an unrecoverable instance can be understood later.
 *
 * @param type the exception's class name, or a short reason such as {@code PayloadDecoding}
 * @param message the exception's message (may be empty, never {@code null})
 * @param stackTrace the printed stack trace (may be empty, never {@code null})
 */
public record ErrorInfo(String type, String message, String stackTrace) {

    /** Longest stack trace kept, in characters, so one error cannot bloat a row. */
    public static final int MAX_STACK_TRACE = 16_000;

    public ErrorInfo {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
        if (stackTrace.length() > MAX_STACK_TRACE) {
            stackTrace = stackTrace.substring(0, MAX_STACK_TRACE);
        }
    }

    /** Captures an exception's class, message and stack trace. */
    public static ErrorInfo of(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return new ErrorInfo(error.getClass().getName(), String.valueOf(error.getMessage()), out.toString());
    }

    /** An error that is not an exception, e.g. a definition mismatch. */
    public static ErrorInfo of(String type, String message) {
        return new ErrorInfo(type, message, "");
    }

    @Override
    public String toString() {
        return type + ": " + message;
    }
}
