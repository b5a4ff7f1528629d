package io.gamgee.compiler;

import java.util.List;
import java.util.Optional;

/**
 * What compiling one diagram produced: every diagnostic, and the generated base class when there
 * were no errors.
 *
 * @param diagnostics all problems, errors and warnings, in file order
 * @param baseClass the generated {@code <Title>WorkflowBase}, present only when there are no errors
 */
public record CompilationResult(List<Diagnostic> diagnostics, Optional<GeneratedFile> baseClass) {

    public CompilationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether any diagnostic is an error. */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
