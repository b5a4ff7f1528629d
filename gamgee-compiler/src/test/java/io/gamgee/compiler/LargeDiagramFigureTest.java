package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs how long generating and javac-compiling a 500-state diagram takes. A figure to watch, not a
 * timed assertion: the build machine's load must not fail the build.
 */
class LargeDiagramFigureTest {

    static final int STATES = 500;

    @TempDir
    Path classes;

    @Test
    void fiveHundredStateDiagramGeneratesAndCompiles() {
        DiagramSource source = Diagrams.source("large.mermaid", largeDiagram(STATES));
        DiagramCompiler compiler = new DiagramCompiler();

        long coldStart = System.nanoTime();
        CompilationResult cold = compiler.compile(source);
        long coldNanos = System.nanoTime() - coldStart;
        long warmStart = System.nanoTime();
        CompilationResult result = compiler.compile(source);
        long warmNanos = System.nanoTime() - warmStart;
        assertThat(cold.diagnostics()).isEmpty();

        List<JavaSources.Source> sources = new ArrayList<>();
        sources.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
        compiler.scaffold(source).forEach(file -> sources.add(JavaSources.Source.of(file)));
        long javacStart = System.nanoTime();
        JavaSources.Result javac = JavaSources.compile(sources, classes);
        long javacNanos = System.nanoTime() - javacStart;

        assertThat(javac.success()).as(javac.errors()).isTrue();
        System.out.printf("gamgee-compiler figure: %d-state diagram (%d lines of Java): generation %d ms cold, "
                        + "%d ms warm; javac of base + %d payload records + implementation %d ms%n",
                STATES, result.baseClass().orElseThrow().content().lines().count(), coldNanos / 1_000_000,
                warmNanos / 1_000_000, sources.size() - 2, javacNanos / 1_000_000);
    }

    /** Steps in a chain; every tenth state is a decision that either continues or ends the workflow. */
    static String largeDiagram(int states) {
        StringBuilder text = new StringBuilder("---\ntitle: large\n---\nstateDiagram-v2\n[*] --> s0\n");
        for (int i = 0; i < states; i++) {
            String next = i + 1 < states ? "s" + (i + 1) : "[*]";
            if (i % 10 == 5 && i + 1 < states) {
                text.append("state s").append(i).append(" <<choice>>\n");
                text.append("s").append(i).append(" --> ").append(next).append(": proceed\n");
                text.append("s").append(i).append(" --> [*]: stop\n");
            } else {
                text.append("s").append(i).append(" --> ").append(next).append('\n');
                if (i % 7 == 0) {
                    text.append("s").append(i).append(" --> s").append(i).append(": attempts=3\\nbackoffMs=100\n");
                }
            }
        }
        return text.toString();
    }
}
