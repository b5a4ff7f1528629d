package io.gamgee.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code scaffold} goal was asked to do, free of Maven types.
 *
 * @param baseDirectory the project directory; paths in messages are relative to it
 * @param sourceDirectory where the diagrams are; the folders below it are Java packages
 * @param includes patterns of diagram files below {@code sourceDirectory}
 * @param excludes patterns of files to leave out
 * @param javaSourceDirectory where payload and result records and implementation skeletons are written
 */
record ScaffoldRequest(
        Path baseDirectory, Path sourceDirectory, List<String> includes, List<String> excludes, Path javaSourceDirectory) {

    ScaffoldRequest {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(javaSourceDirectory, "javaSourceDirectory");
    }
}
