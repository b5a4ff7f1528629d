package io.gamgee.maven;

import io.gamgee.compiler.Diagnostic;
import java.util.List;

/**
 * What a {@code generate} run did.
 *
 * @param upToDate diagrams whose generated class was current already
 * @param generated diagrams compiled in this run
 * @param removed diagrams that disappeared, whose generated classes were deleted
 * @param errors every error, in diagram order
 * @param summary e.g. {@code 3 problems in 2 diagrams}; meaningful only when there are errors
 */
record GenerateReport(int upToDate, int generated, int removed, List<Diagnostic> errors, String summary) {

    GenerateReport {
        errors = List.copyOf(errors);
    }

    boolean failed() {
        return !errors.isEmpty();
    }
}
