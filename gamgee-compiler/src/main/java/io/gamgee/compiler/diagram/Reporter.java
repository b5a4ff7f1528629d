package io.gamgee.compiler.diagram;

import io.gamgee.compiler.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one diagram file; every phase adds to it, none stops at the first. */
public final class Reporter {

    private final String path;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** @param path the display path printed in every diagnostic */
    public Reporter(String path) {
        this.path = path;
    }

    /** Reports an error at a token. */
    public void error(Token where, String message) {
        error(where.line(), where.column(), message);
    }

    /** Reports an error at a line and column. */
    public void error(int line, int column, String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, path, line, column, message));
    }

    /** Reports a warning at a token. */
    public void warning(Token where, String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, path, where.line(), where.column(), message));
    }

    /** Whether any error was reported. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics in file order (line, then column; reporting order breaks ties). */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return List.copyOf(sorted);
    }
}
