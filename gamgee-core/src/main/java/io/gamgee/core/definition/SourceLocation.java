package io.gamgee.core.definition;

import java.util.Objects;

/**
 * Where something was declared in a diagram file; used in error messages and Javadoc.
 *
 * @param path the diagram's path relative to its source root, with {@code /} separators
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourceLocation(String path, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return path + ":" + line + ":" + column;
    }
}
