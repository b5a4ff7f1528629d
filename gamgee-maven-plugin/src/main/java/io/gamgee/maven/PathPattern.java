package io.gamgee.maven;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An Ant-style file pattern as Maven users write them in {@code includes} and {@code excludes}:
 * {@code **} spans folders (including none), {@code *} and {@code ?} stay within one name.
 * Patterns and paths use {@code /}; a {@code \} in a pattern is read as {@code /}.
 */
final class PathPattern {

    private final String pattern;
    private final Pattern regex;

    private PathPattern(String pattern) {
        this.pattern = pattern;
        this.regex = Pattern.compile(toRegex(pattern));
    }

    static PathPattern of(String pattern) {
        String normalized = pattern.trim().replace('\\', '/');
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("empty file pattern");
        }
        // Ant and Maven treat "dir/" as "dir/**"
        if (normalized.endsWith("/")) {
            normalized = normalized + "**";
        }
        return new PathPattern(normalized);
    }

    static boolean anyMatches(List<PathPattern> patterns, String relativePath) {
        return patterns.stream().anyMatch(p -> p.matches(relativePath));
    }

    /** Whether a path relative to the scanned folder, with {@code /} separators, matches. */
    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }
}
