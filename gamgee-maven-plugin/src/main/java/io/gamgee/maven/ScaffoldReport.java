package io.gamgee.maven;

import io.gamgee.compiler.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code scaffold} run did.
 *
 * @param written files created
 * @param kept files that existed already and were left as they are
 * @param errors every error, in diagram order
 * @param summary e.g. {@code 3 problems in 2 diagrams}; meaningful only when there are errors
 */
record ScaffoldReport(List<Path> written, List<Path> kept, List<Diagnostic> errors, String summary) {

    ScaffoldReport {
        written = List.copyOf(written);
        kept = List.copyOf(kept);
        errors = List.copyOf(errors);
    }

    boolean failed() {
        return !errors.isEmpty();
    }
}
