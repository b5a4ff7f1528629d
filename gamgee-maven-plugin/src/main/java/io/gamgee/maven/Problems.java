package io.gamgee.maven;

import io.gamgee.compiler.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The errors found in a run, and the one-line summary a failed build ends with. */
final class Problems {

    private final List<Diagnostic> errors = new ArrayList<>();
    private final Set<String> diagrams = new LinkedHashSet<>();

    /** Logs each diagnostic, errors as errors and warnings as warnings, and keeps the errors. */
    void report(List<Diagnostic> diagnostics, BuildLog log) {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError()) {
                log.error(diagnostic.toString());
                add(diagnostic);
            } else {
                log.warn(diagnostic.toString());
            }
        }
    }

    void add(Diagnostic error) {
        errors.add(error);
        diagrams.add(error.path());
    }

    List<Diagnostic> errors() {
        return List.copyOf(errors);
    }

    /** E.g. {@code 3 problems in 2 diagrams}. */
    String summary() {
        return count(errors.size(), "problem") + " in " + count(diagrams.size(), "diagram");
    }

    static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
