package io.gamgee.compiler;

import java.util.Objects;

/**
 * A problem found in a diagram, located by line and column (both 1-based).
 *
 * @param severity error (no code is generated) or warning
 * @param path the diagram's display path
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong and, where it helps, what to do
 */
public record Diagnostic(Severity severity, String path, int line, int column, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** How bad a diagnostic is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** Whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line:column: message}, the form every tool prints. */
    @Override
    public String toString() {
        return path + ":" + line + ":" + column + ": " + (isError() ? "" : "warning: ") + message;
    }
}
