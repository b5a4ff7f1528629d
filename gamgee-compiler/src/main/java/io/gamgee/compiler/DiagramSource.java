package io.gamgee.compiler;

import java.util.Objects;

/**
 * One diagram file to compile.
 *
 * @param displayPath the path printed in diagnostics, e.g. {@code src/main/mermaid/com/example/conditions.mermaid}
 *     (relative to the project directory when there is one, so messages are clickable in IDEs)
 * @param sourcePath the path relative to the diagram source root with {@code /} separators, e.g.
 *     {@code com/example/conditions.mermaid}; it is what generated code cites, so output does not
 *     depend on where the project lives
 * @param packageName the Java package of the generated class ({@code ""} for the default package)
 * @param text the file's content
 */
public record DiagramSource(String displayPath, String sourcePath, String packageName, String text) {

    public DiagramSource {
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(text, "text");
    }
}
