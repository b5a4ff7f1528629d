package io.gamgee.compiler;

import io.gamgee.compiler.diagram.DiagramParser;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.generate.BaseClassGenerator;
import io.gamgee.compiler.generate.ScaffoldGenerator;
import io.gamgee.compiler.graph.GraphValidator;
import io.gamgee.compiler.graph.WorkflowGraph;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/**
 * Compiles Mermaid state diagrams into abstract Java base classes, and writes scaffolds for their
 * implementations. Stateless and thread-safe. Knows nothing of Maven.
 */
public final class DiagramCompiler {

    /** Parses, validates and, when valid, generates the base class of one diagram. */
    public CompilationResult compile(DiagramSource source) {
        Reporter reporter = new Reporter(source.displayPath());
        Optional<WorkflowGraph> graph = validate(source, reporter);
        return new CompilationResult(reporter.diagnostics(),
                graph.map(valid -> BaseClassGenerator.generate(valid, source.packageName(), source.sourcePath())));
    }

    /**
     * The files a user needs to make a diagram's generated base compile: one payload record per
     * step, one result record per step that ends a fork's branch, one kept record per wait, and an
     * implementation class whose step, merge and timeout methods throw
     * {@code UnsupportedOperationException}.
     * Callers write only the files that do not exist yet.
     *
     * @return the files, or an empty list when the diagram has errors (see {@link #compile})
     */
    public List<GeneratedFile> scaffold(DiagramSource source) {
        return validate(source, new Reporter(source.displayPath()))
                .map(valid -> ScaffoldGenerator.generate(valid, source.packageName(), source.sourcePath()))
                .orElse(List.of());
    }

    private static Optional<WorkflowGraph> validate(DiagramSource source, Reporter reporter) {
        String packageName = source.packageName();
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName, SourceVersion.RELEASE_17)) {
            reporter.error(1, 1, "the diagram's folder gives the Java package '" + packageName
                    + "', which is not a valid package name: rename the folder");
        }
        ParsedDiagram diagram = DiagramParser.parse(source.text(), reporter);
        return GraphValidator.validate(diagram, reporter);
    }
}
