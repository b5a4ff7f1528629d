package io.gamgee.compiler;

import java.util.List;

/**
 * Compiles Mermaid state diagrams into abstract Java base classes, and writes scaffolds for their
 * implementations. Stateless and thread-safe. Knows nothing of Maven.
 */
public final class DiagramCompiler {

    /** Parses, validates and, when valid, generates the base class of one diagram. */
    public CompilationResult compile(DiagramSource source) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The files a user needs to make a diagram's generated base compile: one payload record per
     * step and an implementation class whose step methods throw {@code UnsupportedOperationException}.
     * Callers write only the files that do not exist yet.
     *
     * @return the files, or an empty list when the diagram has errors (see {@link #compile})
     */
    public List<GeneratedFile> scaffold(DiagramSource source) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
