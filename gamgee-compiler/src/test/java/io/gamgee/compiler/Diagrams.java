package io.gamgee.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Test diagrams: from resources under {@code diagrams/}, or written inline. */
final class Diagrams {

    static final String PACKAGE = "com.example";

    private Diagrams() {
    }

    /** A diagram resource, as the plugin would hand it over from {@code src/main/mermaid/com/example}. */
    static DiagramSource resource(String fileName) {
        try (InputStream in = Diagrams.class.getResourceAsStream("/diagrams/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no test diagram " + fileName);
            }
            return source(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DiagramSource source(String fileName, String text) {
        return new DiagramSource("src/main/mermaid/com/example/" + fileName, "com/example/" + fileName, PACKAGE, text);
    }

    /** A diagram named {@code test.mermaid} with the given lines. */
    static DiagramSource lines(String... lines) {
        return source("test.mermaid", String.join("\n", lines) + "\n");
    }

    /** A diagram with front matter {@code title: Test} and the given body lines after {@code stateDiagram-v2}. */
    static DiagramSource body(String... lines) {
        String text = "---\ntitle: Test\n---\nstateDiagram-v2\n" + String.join("\n", lines) + "\n";
        return source("test.mermaid", text);
    }

    /** Every diagnostic of compiling {@code source}, as printed. */
    static List<String> problems(DiagramSource source) {
        return new DiagramCompiler().compile(source).diagnostics().stream()
                .map(Diagnostic::toString)
                .collect(Collectors.toList());
    }
}
