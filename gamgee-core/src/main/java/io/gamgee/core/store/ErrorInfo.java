package io.gamgee.core.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * The last error of an instance, kept so that an unrecoverable instance can be understood later.
 *
 * <p>Everything in it may come from user code, so it is made storable when it is built: characters
 * no supported database accepts in text (U+0000, unpaired surrogates) become U+FFFD, and each part
 * is cut to the length its column holds ({@link #MAX_TYPE}, {@link #MAX_MESSAGE},
 * {@link #MAX_STACK_TRACE}), with a note saying how much was cut.
 *
 * @param type the exception's class name, or a short reason such as {@code PayloadDecoding}
 * @param message the exception's message (may be empty, never {@code null})
 * @param stackTrace the printed stack trace (may be empty, never {@code null})
 */
public record ErrorInfo(String type, String message, String stackTrace) {

    /** Longest type kept, in characters (the column is {@code VARCHAR(255)}). */
    public static final int MAX_TYPE = 255;
    /** Longest message kept, in characters, so one error cannot bloat a row or overflow a column. */
    public static final int MAX_MESSAGE = 8_000;
    /** Longest stack trace kept, in characters, so one error cannot bloat a row. */
    public static final int MAX_STACK_TRACE = 16_000;

    private static final char REPLACEMENT = '\uFFFD';

    public ErrorInfo {
        Objects.requireNonNull(type, "type");
        type = storable(type, MAX_TYPE);
        message = message == null ? "" : storable(message, MAX_MESSAGE);
        stackTrace = stackTrace == null ? "" : storable(stackTrace, MAX_STACK_TRACE);
    }

    /**
     * Captures an exception's class, message and stack trace. Never throws, even for an exception
     * whose {@code getMessage()} or {@code printStackTrace()} does.
     */
    public static ErrorInfo of(Throwable error) {
        String message;
        try {
            message = String.valueOf(error.getMessage());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            message = "(its getMessage() threw " + e.getClass().getName() + ")";
        }
        String stackTrace;
        try {
            StringWriter out = new StringWriter();
            error.printStackTrace(new PrintWriter(out));
            stackTrace = out.toString();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            stackTrace = "(printing its stack trace threw " + e.getClass().getName() + ")";
        }
        return new ErrorInfo(error.getClass().getName(), message, stackTrace);
    }

    /** An error that is not an exception, e.g. a definition mismatch. */
    public static ErrorInfo of(String type, String message) {
        return new ErrorInfo(type, message, "");
    }

    /**
     * {@code text} with the characters databases refuse replaced by U+FFFD and cut to at most
     * {@code max} characters (never inside a surrogate pair), ending with a note of what was cut.
     */
    public static String storable(String text, int max) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = c == 0
                    || Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (bad && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(bad ? REPLACEMENT : c);
            }
        }
        String result = clean == null ? text : clean.toString();
        if (result.length() <= max) {
            return result;
        }
        String note = " … (cut from " + result.length() + " characters)";
        int keep = Math.max(0, max - note.length() - 1);
        if (keep > 0 && Character.isHighSurrogate(result.charAt(keep - 1))) {
            keep--;
        }
        String cut = result.substring(0, keep) + note;
        return cut.length() <= max ? cut : cut.substring(0, max);
    }

    @Override
    public String toString() {
        return type + ": " + message;
    }
}
