package io.gamgee.benchmarks.compiler;

import io.gamgee.benchmarks.harness.Measurement;
import io.gamgee.benchmarks.harness.Measurement.Kind;
import io.gamgee.benchmarks.harness.Progress;
import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.DiagramCompiler;
import io.gamgee.compiler.DiagramSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * W4: how long {@link DiagramCompiler} takes to parse, validate and generate the base class of a
 * diagram with 10, 100, 500 states, after the JIT has warmed up.
 */
public final class CompilerWorkload {

    private final List<Integer> sizes;

    public CompilerWorkload(List<Integer> sizes) {
        this.sizes = sizes;
    }

    /** Median and worst generation time per size. */
    public List<Measurement> measure() {
        DiagramCompiler compiler = new DiagramCompiler();
        DiagramSource warmUp = diagram(100);
        for (int i = 0; i < 200; i++) {
            compile(compiler, warmUp);
        }
        List<Measurement> result = new ArrayList<>();
        for (int states : sizes) {
            DiagramSource source = diagram(states);
            int runs = Math.max(10, 20_000 / states);
            long[] nanos = new long[runs];
            int generatedChars = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                generatedChars = compile(compiler, source);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double median = nanos[runs / 2] / 1e6;
            Progress.log("  %d states: median %.3f ms", states, median);
            result.add(new Measurement("W4 compiler", "Gamgee compiler", null, states + " states, median ms", median,
                    Kind.PLAIN, String.format("n=%d, max %.3f ms, %,d chars of Java", runs, nanos[runs - 1] / 1e6,
                            generatedChars)));
        }
        return result;
    }

    private static int compile(DiagramCompiler compiler, DiagramSource source) {
        CompilationResult result = compiler.compile(source);
        if (result.hasErrors() || result.baseClass().isEmpty()) {
            throw new IllegalStateException("the generated diagram does not compile: " + result.diagnostics());
        }
        return result.baseClass().get().content().length();
    }

    /**
     * A diagram of {@code states} states: a chain of steps with a decision every tenth state whose
     * second branch ends the workflow, and a retry self-arrow on every seventh step.
     */
    static DiagramSource diagram(int states) {
        StringBuilder text = new StringBuilder("---\ntitle: Generated ").append(states).append("\n---\nstateDiagram-v2\n");
        for (int i = 1; i <= states; i++) {
            if (i % 10 == 0 && i < states) {
                text.append("    state s").append(i).append(" <<choice>>\n");
            }
        }
        text.append("    [*] --> s1\n");
        for (int i = 1; i <= states; i++) {
            String next = i == states ? "[*]" : "s" + (i + 1);
            if (i % 10 == 0 && i < states) {
                text.append("    s").append(i).append(" --> ").append(next).append(": goOn\n");
                text.append("    s").append(i).append(" --> [*]: stop\n");
            } else {
                text.append("    s").append(i).append(" --> ").append(next).append('\n');
                if (i % 7 == 0) {
                    text.append("    s").append(i).append(" --> s").append(i).append(": attempts=3\\nbackoffMs=100\n");
                }
            }
        }
        String path = "io/gamgee/benchmarks/generated" + states + ".mermaid";
        return new DiagramSource("src/main/mermaid/" + path, path, "io.gamgee.benchmarks", text.toString());
    }
}
