package io.gamgee.maven;

import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.Diagnostic;
import io.gamgee.compiler.DiagramSource;
import io.gamgee.compiler.GeneratedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for the diagram compiler. A diagram's text is lines of {@code title: Name},
 * {@code step: name}, {@code error: message} and {@code warning: message}; diagnostics are located at
 * their line, column 1. It counts what it was asked to compile.
 */
final class FakeCompiler {

    final List<String> compiled = new ArrayList<>();

    CompilationResult compile(DiagramSource source) {
        compiled.add(source.sourcePath());
        List<Diagnostic> diagnostics = new ArrayList<>();
        String title = "Unnamed";
        List<String> lines = source.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("title: ")) {
                title = line.substring("title: ".length());
            } else if (line.startsWith("error: ")) {
                diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, source.displayPath(), i + 1, 1,
                        line.substring("error: ".length())));
            } else if (line.startsWith("warning: ")) {
                diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, source.displayPath(), i + 1, 1,
                        line.substring("warning: ".length())));
            }
        }
        boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
        Optional<GeneratedFile> base = errors
                ? Optional.empty()
                : Optional.of(new GeneratedFile(source.packageName(), title + "WorkflowBase",
                        "// generated from " + source.sourcePath() + "\n" + source.text()));
        return new CompilationResult(diagnostics, base);
    }

    List<GeneratedFile> scaffold(DiagramSource source) {
        List<GeneratedFile> files = new ArrayList<>();
        String title = source.text().lines().filter(l -> l.startsWith("title: ")).findFirst()
                .map(l -> l.substring("title: ".length())).orElse("Unnamed");
        source.text().lines().filter(l -> l.startsWith("step: ")).forEach(l -> {
            String step = l.substring("step: ".length());
            String payload = Character.toUpperCase(step.charAt(0)) + step.substring(1) + "Payload";
            files.add(new GeneratedFile(source.packageName(), payload, "record " + payload + "() {}\n"));
        });
        files.add(new GeneratedFile(source.packageName(), title + "Workflow", "class " + title + "Workflow {}\n"));
        return files;
    }
}
