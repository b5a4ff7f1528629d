package io.gamgee.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lists the diagrams below a source directory that the includes select and the excludes do not. */
final class DiagramFinder {

    private final List<PathPattern> includes;
    private final List<PathPattern> excludes;

    DiagramFinder(List<String> includes, List<String> excludes) {
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("no includes: name at least one diagram pattern, e.g. **/*.mermaid");
        }
        this.includes = includes.stream().map(PathPattern::of).collect(Collectors.toList());
        this.excludes = excludes.stream().map(PathPattern::of).collect(Collectors.toList());
    }

    /** The selected diagrams, sorted by path so that output and messages do not depend on the file system. */
    List<DiagramFile> find(Path sourceDirectory) {
        try (Stream<Path> files = Files.walk(sourceDirectory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> new DiagramFile(file, relative(sourceDirectory, file)))
                    .filter(d -> PathPattern.anyMatches(includes, d.sourcePath()))
                    .filter(d -> !PathPattern.anyMatches(excludes, d.sourcePath()))
                    .sorted(Comparator.comparing(DiagramFile::sourcePath))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list diagrams in " + sourceDirectory + ": " + e.getMessage(), e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
