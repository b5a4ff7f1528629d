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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random valid DAG diagrams (steps, decisions, retries, branches to {@code [*]}, forks with their
 * joins, waits with events and timers, delayed steps) compile without a diagnostic, and their
 * generated base, payload, result and kept records and scaffolded implementation compile with
 * javac. Random mutations of diagrams with forks or waits get located errors and never an
 * exception, and those a mutation leaves valid compile too. The sources of all
 * tries are compiled in one javac call after the last try, which keeps the property fast.
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

    @Property(tries = 30)
    void randomValidDiagramsWithForksCompile(@ForAll @IntRange(min = 1, max = 8) int elements, @ForAll long seed) {
        String text = randomForkDiagram(elements, new Random(seed));
        DiagramSource source = new DiagramSource("random.mermaid", "random.mermaid", packageFor(seed), text);
        DiagramCompiler compiler = new DiagramCompiler();

        CompilationResult result = compiler.compile(source);

        assertThat(result.diagnostics()).as(text).noneMatch(Diagnostic::isError);
        SOURCES.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
        compiler.scaffold(source).forEach(file -> SOURCES.add(JavaSources.Source.of(file)));
    }

    @Property(tries = 200)
    void mutatedDiagramsWithForksGetLocatedErrorsOrCompile(@ForAll @IntRange(min = 1, max = 8) int elements,
            @ForAll long seed) {
        Random random = new Random(seed);
        String text = mutate(randomForkDiagram(elements, random), random);
        DiagramSource source = new DiagramSource("random.mermaid", "random.mermaid", packageFor(seed), text);
        DiagramCompiler compiler = new DiagramCompiler();

        CompilationResult result = compiler.compile(source);

        int lines = (int) text.lines().count();
        assertThat(result.diagnostics()).as(text).allSatisfy(diagnostic -> {
            assertThat(diagnostic.line()).isBetween(1, lines);
            assertThat(diagnostic.column()).isPositive();
        });
        if (result.hasErrors()) {
            assertThat(result.baseClass()).as(text).isEmpty();
            assertThat(compiler.scaffold(source)).as(text).isEmpty();
        } else {
            SOURCES.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
            compiler.scaffold(source).forEach(file -> SOURCES.add(JavaSources.Source.of(file)));
        }
    }

    @Property(tries = 30)
    void randomValidDiagramsWithWaitsAndDelaysCompile(@ForAll @IntRange(min = 1, max = 8) int elements,
            @ForAll long seed) {
        String text = randomWaitDiagram(elements, new Random(seed));
        DiagramSource source = new DiagramSource("random.mermaid", "random.mermaid", packageFor(seed) + "w", text);
        DiagramCompiler compiler = new DiagramCompiler();

        CompilationResult result = compiler.compile(source);

        assertThat(result.diagnostics()).as(text).noneMatch(Diagnostic::isError);
        SOURCES.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
        compiler.scaffold(source).forEach(file -> SOURCES.add(JavaSources.Source.of(file)));
    }

    @Property(tries = 200)
    void mutatedDiagramsWithWaitsGetLocatedErrorsOrCompile(@ForAll @IntRange(min = 1, max = 8) int elements,
            @ForAll long seed) {
        Random random = new Random(seed);
        String text = relabel(mutate(randomWaitDiagram(elements, random), random), random);
        DiagramSource source = new DiagramSource("random.mermaid", "random.mermaid", packageFor(seed) + "m", text);
        DiagramCompiler compiler = new DiagramCompiler();

        CompilationResult result = compiler.compile(source);

        int lines = (int) text.lines().count();
        assertThat(result.diagnostics()).as(text).allSatisfy(diagnostic -> {
            assertThat(diagnostic.line()).isBetween(1, lines);
            assertThat(diagnostic.column()).isBetween(1, text.lines().toList().get(diagnostic.line() - 1).length());
        });
        if (result.hasErrors()) {
            assertThat(result.baseClass()).as(text).isEmpty();
            assertThat(compiler.scaffold(source)).as(text).isEmpty();
        } else {
            SOURCES.add(JavaSources.Source.of(result.baseClass().orElseThrow()));
            compiler.scaffold(source).forEach(file -> SOURCES.add(JavaSources.Source.of(file)));
        }
    }

    private static String packageFor(long seed) {
        return "random.p" + SOURCES.size() + "x" + Long.toHexString(seed & 0xffff) + "f";
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

    /**
     * A main line of elements, each a step, a decision or a fork block (a fork of two or three
     * branches, each a chain of one to three steps, some with retries, and its join). A fork follows
     * a step; a decision follows a step and leads to the next main-line step and to random later
     * ones or {@code [*]}; a join leads to a step or {@code [*]}. So the diagram is valid.
     */
    static String randomForkDiagram(int count, Random random) {
        List<Character> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean afterStep = i > 0 && kinds.get(i - 1) == 'S';
            int roll = random.nextInt(4);
            kinds.add(afterStep && roll == 0 ? 'D' : afterStep && roll >= 2 ? 'F' : 'S');
        }
        if (kinds.get(count - 1) == 'D') {
            kinds.set(count - 1, 'S');
        }
        List<String> heads = new ArrayList<>();   // the state each element is entered at
        for (int i = 0; i < count; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            heads.add(switch (kinds.get(i)) {
                case 'D' -> "route_" + i;
                case 'F' -> "split_" + i;
                default -> word + (random.nextBoolean() ? "-" : "_") + i;
            });
        }
        List<String> lines = new ArrayList<>(List.of("---", "title: random forks " + count, "---", "stateDiagram-v2"));
        List<String> arrows = new ArrayList<>();
        arrows.add("[*] --> " + heads.get(0));
        for (int i = 0; i < count; i++) {
            String head = heads.get(i);
            String next = i + 1 < count ? heads.get(i + 1) : "[*]";
            switch (kinds.get(i)) {
                case 'D' -> {
                    lines.add("state " + head + " <<choice>>");
                    arrows.add(head + " --> " + next + ": branch0");
                    for (int b = 1; b <= random.nextInt(3); b++) {
                        int target = i + 2 + random.nextInt(count - i);
                        String to = target < count && kinds.get(target) == 'S' ? heads.get(target) : "[*]";
                        arrows.add(head + " --> " + to + ": branch" + b);
                    }
                }
                case 'F' -> {
                    String join = "merge_" + i;
                    lines.add("state " + head + " <<fork>>");
                    lines.add("state " + join + " <<join>>");
                    int branches = 2 + random.nextInt(2);
                    for (int b = 0; b < branches; b++) {
                        String previous = head;
                        for (int s = 0; s <= random.nextInt(3); s++) {
                            String step = WORDS[random.nextInt(WORDS.length)] + "_" + i + "_" + b + "_" + s;
                            arrows.add(previous + " --> " + step);
                            if (random.nextInt(4) == 0) {
                                arrows.add(step + " --> " + step + ": attempts=" + (1 + random.nextInt(5)));
                            }
                            previous = step;
                        }
                        arrows.add(previous + " --> " + join);
                    }
                    arrows.add(join + " --> " + next);
                }
                default -> arrows.add(head + " --> " + next);
            }
        }
        // Arrows out of a fork keep their order (it is the branch order); the rest may be shuffled.
        Collections.shuffle(arrows, random);
        lines.addAll(arrows);
        return String.join("\n", lines) + "\n";
    }

    private static final String[] DURATIONS = {"500ms", "30s", "10m", "2h", "3d", "PT10M", "P2DT3H", "PT1.5S"};

    /**
     * A main line of elements, each a step or a wait. A wait follows a step and leads by an event to
     * the next main-line step (or {@code [*]}), and by other events, {@code cancelled} (always to
     * {@code [*]}, so shared by several waits) and at most one timer to random later steps or
     * {@code [*]}; some arrows between two steps carry a delay. So the diagram is valid.
     */
    static String randomWaitDiagram(int count, Random random) {
        List<Character> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean afterStep = i > 0 && kinds.get(i - 1) == 'S';
            kinds.add(afterStep && random.nextInt(5) < 2 ? 'W' : 'S');
        }
        List<String> heads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            heads.add(kinds.get(i) == 'W' ? "wait_" + i
                    : WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "-" : "_") + i);
        }
        List<String> lines = new ArrayList<>(List.of("---", "title: random waits " + count, "---", "stateDiagram-v2"));
        List<String> arrows = new ArrayList<>();
        arrows.add("[*] --> " + heads.get(0));
        for (int i = 0; i < count; i++) {
            String head = heads.get(i);
            String next = i + 1 < count ? heads.get(i + 1) : "[*]";
            if (kinds.get(i) == 'W') {
                lines.add("state " + head + " <<choice>>");
                arrows.add(head + " --> " + next + ": on ev" + i + "_0");
                for (int b = 1; b <= random.nextInt(3); b++) {
                    arrows.add(head + " --> " + laterTarget(i, kinds, heads, random) + ": on ev" + i + "_" + b);
                }
                if (random.nextBoolean()) {
                    arrows.add(head + " --> [*]: on cancelled");
                }
                if (random.nextBoolean()) {
                    arrows.add(head + " --> " + laterTarget(i, kinds, heads, random) + ": after "
                            + DURATIONS[random.nextInt(DURATIONS.length)]);
                }
            } else {
                boolean delay = i + 1 < count && kinds.get(i + 1) == 'S' && random.nextInt(3) == 0;
                arrows.add(head + " --> " + next + (delay ? ": after " + DURATIONS[random.nextInt(DURATIONS.length)]
                        : random.nextInt(6) == 0 ? ": a description" : ""));
                if (random.nextInt(5) == 0) {
                    arrows.add(head + " --> " + head + ": attempts=" + (1 + random.nextInt(5)));
                }
            }
        }
        Collections.shuffle(arrows, random);
        lines.addAll(arrows);
        return String.join("\n", lines) + "\n";
    }

    /** A step after element {@code i} (never the next one, which the first event leads to), or {@code [*]}. */
    private static String laterTarget(int i, List<Character> kinds, List<String> heads, Random random) {
        int target = i + 2 + random.nextInt(kinds.size() - i);
        return target < kinds.size() && kinds.get(target) == 'S' ? heads.get(target) : "[*]";
    }

    private static final String[] LABELS = {": on ev", ": on cancelled", ": after 10m", ": after 0s", ": after 1.5h",
        ": after 2w", ": after P1M", ": chooseLeft", ": on class", ": on wait", ": on my-event", "", ": after 5d"};

    /** Zero to two arrows given another label (an event, a duration, valid or not, a branch method, none). */
    static String relabel(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int edit = 0; edit < random.nextInt(3) && lines.size() > 4; edit++) {
            int at = 4 + random.nextInt(lines.size() - 4);
            Matcher arrow = ARROW.matcher(lines.get(at));
            if (arrow.matches()) {
                lines.set(at, arrow.group(1) + " --> " + arrow.group(2) + LABELS[random.nextInt(LABELS.length)]);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static final Pattern ARROW = Pattern.compile("(\\S+) --> (\\S+)(: .*)?");

    /** One to three random edits: an arrow dropped, doubled or redirected, a new arrow, or a state's type changed. */
    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher arrow = ARROW.matcher(line);
            if (arrow.matches()) {
                names.add(arrow.group(1));
                names.add(arrow.group(2));
            }
        }
        for (int edit = 0; edit <= random.nextInt(3) && lines.size() > 4; edit++) {
            int at = 4 + random.nextInt(lines.size() - 4);
            String any = names.get(random.nextInt(names.size()));
            Matcher arrow = ARROW.matcher(lines.get(at));
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.set(at, arrow.matches() ? arrow.group(1) + " --> " + any : lines.get(at));
                case 3 -> lines.add(at, any + " --> " + names.get(random.nextInt(names.size())));
                case 4 -> lines.add(at, "state " + any.replace("[*]", "x") + " <<"
                        + List.of("fork", "join", "choice").get(random.nextInt(3)) + ">>");
                default -> lines.add(at, any + " --> " + any + ": attempts=2");
            }
        }
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
