package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random valid DAG diagrams (steps, decisions, retries, branches to {@code [*]}) compile without a
 * diagnostic, and their generated base, payload records and scaffolded implementation compile with
 * javac. The sources of all tries are compiled in one javac call after the last try, which keeps
 * the property fast.
 */
class RandomDiagramPropertyTest {

    private static final List<JavaSources.Source> SOURCES = Collections.synchronizedList(new ArrayList<>());
    private static final String[] WORDS = {"load", "check", "ship", "chargeCard", "notify_user", "wait-for", "Audit"};

    @BeforeContainer
    static void clear() {
        SOURCES.clear();
    }

    @Property(tries = 30)
    void randomValidDiagramsCompile(@ForAll @IntRange(min = 1, max = 12) int states, @ForAll long seed) {
        int index = SOURCES.size();
        String packageName = "random.p" + index + "x" + Long.toHexString(seed & 0xffff);
        String text = randomDiagram(states, new Random(seed));
        DiagramSource source = new DiagramSource("random.mermaid", "random.mermaid", packageName, text);
        DiagramCompiler compiler = new DiagramCompiler();

        CompilationResult result = compiler.compile(source);

        assertThat(result.diagnostics()).as(text).noneMatch(Diagnostic::isError);
        SOURCES.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
        compiler.scaffold(source).forEach(file -> SOURCES.add(JavaSources.Source.of(file)));
    }

    @AfterContainer
    static void everyGeneratedSourceCompiles() throws IOException {
        Path classes = Files.createTempDirectory("gamgee-random");
        try {
            JavaSources.Result result = JavaSources.compile(List.copyOf(SOURCES), classes);
            assertThat(result.success()).as(result.errors()).isTrue();
        } finally {
            deleteRecursively(classes);
        }
    }

    /**
     * A chain of states where every step leads to the next state (or {@code [*]} at the end) and
     * every decision branches to the next step plus random later steps or {@code [*]}; decisions
     * never follow decisions, so the diagram is a valid DAG with every state reachable.
     */
    static String randomDiagram(int count, Random random) {
        List<String> names = new ArrayList<>();
        List<Boolean> decision = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "-" : "_") + i);
            boolean previousIsDecision = i > 0 && decision.get(i - 1);
            decision.add(i > 0 && i < count - 1 && !previousIsDecision && random.nextInt(3) == 0);
        }
        List<String> lines = new ArrayList<>(List.of("---", "title: random " + count, "---", "stateDiagram-v2"));
        List<String> arrows = new ArrayList<>();
        arrows.add("[*] --> " + names.get(0));
        for (int i = 0; i < count; i++) {
            String name = names.get(i);
            String next = i + 1 < count ? names.get(i + 1) : "[*]";
            if (decision.get(i)) {
                lines.add("state " + name + " <<choice>>");
                arrows.add(name + " --> " + next + ": branch0");
                int extra = random.nextInt(3);
                for (int b = 1; b <= extra; b++) {
                    int target = i + 2 + random.nextInt(count - i);
                    String to = target < count && !decision.get(target) ? names.get(target) : "[*]";
                    arrows.add(name + " --> " + to + ": branch" + b);
                }
            } else {
                arrows.add(name + " --> " + next);
                if (random.nextInt(4) == 0) {
                    arrows.add(name + " --> " + name + ": attempts=" + (1 + random.nextInt(5)) + "\\nbackoffMs="
                            + (1 + random.nextInt(5000))
                            + (random.nextBoolean() ? "\\ntimeoutMs=" + (1 + random.nextInt(600_000)) : ""));
                }
            }
        }
        Collections.shuffle(arrows, random);
        lines.addAll(arrows);
        return String.join("\n", lines) + "\n";
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
