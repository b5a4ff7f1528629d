package io.gamgee.readme;

import io.gamgee.compiler.CompilationResult;
import io.gamgee.compiler.Diagnostic;
import io.gamgee.compiler.DiagramCompiler;
import io.gamgee.compiler.DiagramSource;
import io.gamgee.readme.Markdown.Block;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles README's Java blocks together, in package {@code com.example}, against the libraries on
 * this test's class path, with the base classes of README's diagrams and the declarations the
 * snippets take as given ({@code src/test/resources/snippet-context}).
 *
 * <p>Each block becomes a source file whose line numbers are README's: the imports a user's IDE
 * would add are on line 1, a wrapper (for statements and members) is on the fence lines, and every
 * other line is the block's or empty. So javac's line is the README line.
 */
final class JavaSnippets {

    /** The imports README's snippets leave out, as an IDE adds them. */
    static final String IMPORTS = "package com.example; "
            + "import io.gamgee.core.*; import io.gamgee.core.definition.*; import io.gamgee.core.store.*; "
            + "import io.gamgee.core.store.StepRecord.Outcome; import io.gamgee.test.*; import io.gamgee.jpa.*; "
            + "import io.gamgee.cdi.*; import java.nio.file.Path; import java.sql.Connection; import java.time.*; "
            + "import javax.sql.DataSource; import jakarta.enterprise.context.ApplicationScoped; "
            + "import jakarta.enterprise.inject.Produces; import jakarta.enterprise.inject.se.*; "
            + "import jakarta.inject.Inject; import jakarta.inject.Singleton; "
            + "import jakarta.persistence.EntityManagerFactory; import com.zaxxer.hikari.HikariDataSource; "
            + "import io.opentelemetry.sdk.trace.data.SpanData; import org.junit.jupiter.api.Test; "
            + "import static org.assertj.core.api.Assertions.assertThat;";

    private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");

    private JavaSnippets() {
    }

    /** @return the problems, each as {@code README.md:line: …} */
    static List<String> compile(Path repository, List<Block> blocks, Path work) throws IOException {
        Path sources = work.resolve("src/com/example");
        Files.createDirectories(sources);
        Map<Path, String> origin = new HashMap<>();   // a file that is not a snippet → how messages name it
        List<String> problems = new ArrayList<>();

        Path context = context();
        try (Stream<Path> files = Files.list(context)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".java")) {
                    Files.copy(file, sources.resolve(name));
                    origin.put(sources.resolve(name), "it/readme/src/test/resources/snippet-context/com/example/" + name);
                } else if (name.endsWith(".mermaid")) {
                    String display = "it/readme/src/test/resources/snippet-context/com/example/" + name;
                    generate(new DiagramSource(display, "com/example/" + name, "com.example", Files.readString(file)), 0,
                            sources, origin, problems);
                }
            }
        }
        for (Block block : blocks) {
            if (block.language().equals("mermaid") && block.kind().equals("diagram")) {
                String display = block.file() + " (the block at line " + block.fenceLine() + ")";
                generate(new DiagramSource(display, block.argument(), "com.example", block.unindentedText()),
                        block.fenceLine(), sources, origin, problems);
            }
        }

        List<Path> files = new ArrayList<>();
        Map<Path, String> markdownOf = new HashMap<>();   // a snippet's file → the Markdown file it is from
        for (Block block : blocks) {
            if (!block.language().equals("java")) {
                continue;
            }
            int before = files.size();
            String wrapper = "Readme" + block.file().replaceAll("\\W", "_") + "Line" + block.fenceLine();
            switch (block.kind()) {
                case "statements" -> files.add(write(sources, wrapper, block, 0, block.lines().size(),
                        "public class " + wrapper + " extends ReadmeContext { void snippet() throws Exception {", "}}"));
                case "members" -> files.add(write(sources, wrapper, block, 0, block.lines().size(),
                        "class " + wrapper + " {", "}"));
                case "declarations" -> {
                    for (int[] range : topLevelDeclarations(block)) {
                        String text = String.join("\n", block.lines().subList(range[0], range[1]));
                        Matcher type = TYPE.matcher(withoutCommentsAndStrings(text));
                        if (!type.find()) {
                            problems.add(block.where(range[0]) + ": java block: no class, record, interface or enum here");
                            continue;
                        }
                        files.add(write(sources, type.group(1), block, range[0], range[1], "", ""));
                    }
                }
                default -> {
                    // "generated" and the rest: not compiled (see ReadmeSnippetsTest.rule)
                }
            }
            files.subList(before, files.size()).forEach(file -> markdownOf.put(file, block.file()));
        }
        files.addAll(origin.keySet());

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            javac.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files)).call();
        }
        for (javax.tools.Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() != javax.tools.Diagnostic.Kind.ERROR) {
                continue;
            }
            Path file = diagnostic.getSource() == null ? null : Path.of(diagnostic.getSource().toUri());
            String message = String.join(", ", diagnostic.getMessage(Locale.ROOT).lines().map(String::strip).toList());
            String where = file == null ? "javac" : origin.containsKey(file)
                    ? origin.get(file) + ":" + diagnostic.getLineNumber()
                    : markdownOf.getOrDefault(file, String.valueOf(file)) + ":" + diagnostic.getLineNumber();
            problems.add(where + ": java block does not compile: " + message);
        }
        return problems;
    }

    private static Path write(Path sources, String name, Block block, int from, int to, String open, String close)
            throws IOException {
        StringBuilder text = new StringBuilder(IMPORTS);
        for (int line = 2; line < block.fenceLine(); line++) {
            text.append('\n');
        }
        text.append('\n').append(open);                          // the opening fence's line
        for (int i = 0; i < block.lines().size(); i++) {
            text.append('\n').append(i >= from && i < to ? block.lines().get(i) : "");
        }
        text.append('\n').append(close).append('\n');            // the closing fence's line
        Path file = sources.resolve(name + ".java");
        if (Files.exists(file)) {
            throw new AssertionError(block.where(from) + ": java block: README declares " + name + " twice");
        }
        Files.writeString(file, text);
        return file;
    }

    /** The line ranges [from, to) of a block's top-level declarations. */
    static List<int[]> topLevelDeclarations(Block block) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < block.lines().size(); i++) {
            String line = withoutCommentsAndStrings(block.lines().get(i));
            if (start < 0 && depth == 0 && !line.isBlank()) {
                start = i;
            }
            for (char c : line.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (start >= 0 && depth == 0 && line.contains("}")) {
                ranges.add(new int[] {start, i + 1});
                start = -1;
            }
        }
        if (start >= 0) {
            ranges.add(new int[] {start, block.lines().size()});
        }
        return ranges;
    }

    private static String withoutCommentsAndStrings(String text) {
        return text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
    }

    private static void generate(DiagramSource source, int fenceLine, Path sources, Map<Path, String> origin,
            List<String> problems) throws IOException {
        CompilationResult result = new DiagramCompiler().compile(source);
        for (Diagnostic diagnostic : result.diagnostics()) {
            if (diagnostic.isError()) {
                problems.add(fenceLine > 0
                        ? source.displayPath().replaceFirst(" .*", "") + ":" + (fenceLine + diagnostic.line())
                                + ": mermaid block does not compile: " + diagnostic.message()
                        : diagnostic.toString());
            }
        }
        if (result.baseClass().isPresent()) {
            Path file = sources.resolve(result.baseClass().get().simpleName() + ".java");
            Files.writeString(file, result.baseClass().get().content());
            origin.put(file, "the base generated from " + source.displayPath());
        }
    }

    /** The base class the compiler generates from README's diagram {@code sourcePath}. */
    static String generated(List<Block> blocks, String sourcePath) {
        for (Block block : blocks) {
            if (block.language().equals("mermaid") && block.kind().equals("diagram") && block.argument().equals(sourcePath)) {
                return new DiagramCompiler().compile(new DiagramSource(block.file(), sourcePath, "com.example",
                        block.unindentedText())).baseClass().map(file -> file.content()).orElse("");
            }
        }
        throw new AssertionError("no <!-- snippet: diagram " + sourcePath + " --> block");
    }

    /**
     * An abridged generated class ({@code <!-- snippet: generated com/example/conditions.mermaid -->}):
     * every line, cut at its elisions ({@code …}), is text of the generated file, in the same order.
     * Whitespace, line breaks and Javadoc's {@code /**}, {@code *} and {@code * /} do not count, so a
     * comment or a statement may be shown on one line; a trailing {@code //} comment is README's own.
     */
    static List<String> compareWithGenerated(Path repository, List<Block> blocks, Block block) {
        String generated = normalized(generated(blocks, block.argument()));
        List<String> problems = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i).replaceFirst("\\s//\\s.*$", "");
            for (String fragment : normalized(line).split("…")) {
                fragment = fragment.strip();
                if (fragment.isEmpty()) {
                    continue;
                }
                int found = generated.indexOf(fragment, at);
                if (found < 0) {
                    problems.add(block.where(i) + ": java block (generated, abridged): the plugin does not generate '"
                            + fragment + "'" + (generated.contains(fragment) ? " here (it does, earlier: keep the generated order)" : ""));
                } else {
                    at = found + fragment.length();
                }
            }
        }
        return problems;
    }

    private static String normalized(String code) {
        StringBuilder text = new StringBuilder();
        for (String line : code.lines().toList()) {
            String stripped = line.strip().replaceFirst("^/\\*\\*", "").replaceFirst("\\*/$", "").replaceFirst("^\\*(\\s|$)", "");
            text.append(' ').append(stripped.strip());
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static Path context() throws IOException {
        try {
            return Path.of(JavaSnippets.class.getResource("/snippet-context/com/example").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

}
