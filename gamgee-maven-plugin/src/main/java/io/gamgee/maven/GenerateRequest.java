package io.gamgee.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code generate} goal was asked to do, free of Maven types.
 *
 * @param baseDirectory the project directory; diagram paths in messages are relative to it
 * @param sourceDirectory where the diagrams are; the folders below it are Java packages
 * @param includes patterns of diagram files below {@code sourceDirectory}
 * @param excludes patterns of files to leave out
 * @param outputDirectory where generated base classes go
 * @param cacheFile the digest cache that makes the goal incremental
 * @param generatorVersion part of every digest, so a new generator regenerates everything (see
 *     {@link GeneratorVersion})
 */
record GenerateRequest(
        Path baseDirectory,
        Path sourceDirectory,
        List<String> includes,
        List<String> excludes,
        Path outputDirectory,
        Path cacheFile,
        String generatorVersion) {

    GenerateRequest {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(cacheFile, "cacheFile");
        Objects.requireNonNull(generatorVersion, "generatorVersion");
    }
}
