package io.gamgee.compiler;

import java.util.Objects;

/**
 * A Java source file produced by the compiler or the scaffolder.
 *
 * @param packageName the package ({@code ""} for the default package)
 * @param simpleName the top-level class name
 * @param content the complete source text
 */
public record GeneratedFile(String packageName, String simpleName, String content) {

    public GeneratedFile {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(simpleName, "simpleName");
        Objects.requireNonNull(content, "content");
    }

    /** The file's path below a source root, e.g. {@code com/example/ConditionsWorkflowBase.java}. */
    public String relativePath() {
        String dir = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
        return dir + simpleName + ".java";
    }
}
