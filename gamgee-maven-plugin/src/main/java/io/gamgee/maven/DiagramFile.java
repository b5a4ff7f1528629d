package io.gamgee.maven;

import io.gamgee.compiler.Diagnostic;
import io.gamgee.compiler.DiagramSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A diagram found below the source directory.
 *
 * @param file the file
 * @param sourcePath its path below the source directory, with {@code /} separators
 */
record DiagramFile(Path file, String sourcePath) {

    /** The path printed in messages: relative to the project directory when the file is inside it. */
    String displayPath(Path baseDirectory) {
        return display(baseDirectory, file);
    }

    /** A file's path relative to the project directory when inside it, with {@code /} separators. */
    static String display(Path baseDirectory, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = baseDirectory.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    /**
     * Reads the diagram as compiler input.
     *
     * @return the source, or the error that keeps it from being one (a folder that is no Java
     *     package, a file that is not UTF-8)
     */
    Loaded load(Path baseDirectory) {
        String display = displayPath(baseDirectory);
        Optional<String> packageProblem = JavaPackages.problemWith(sourcePath);
        if (packageProblem.isPresent()) {
            return Loaded.failed(error(display, packageProblem.get()));
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            return Loaded.failed(error(display, "not UTF-8 text; save the diagram as UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
        return new Loaded(new DiagramSource(display, sourcePath, JavaPackages.packageOf(sourcePath), text), text, null);
    }

    private static Diagnostic error(String displayPath, String message) {
        return new Diagnostic(Diagnostic.Severity.ERROR, displayPath, 1, 1, message);
    }

    /** A diagram read from disk: either a source to compile or the reason there is none. */
    record Loaded(DiagramSource source, String text, Diagnostic problem) {

        static Loaded failed(Diagnostic problem) {
            return new Loaded(null, null, problem);
        }

        boolean isLoaded() {
            return source != null;
        }
    }
}
