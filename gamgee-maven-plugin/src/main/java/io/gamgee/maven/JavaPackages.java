package io.gamgee.maven;

import java.util.Optional;
import javax.lang.model.SourceVersion;

/** Maps a diagram's folder below the source directory to the Java package of its generated class. */
final class JavaPackages {

    private JavaPackages() {
    }

    /**
     * The package for a diagram, e.g. {@code com.example} for {@code com/example/conditions.mermaid};
     * {@code ""} for a diagram directly in the source directory.
     */
    static String packageOf(String sourcePath) {
        int slash = sourcePath.lastIndexOf('/');
        return slash < 0 ? "" : sourcePath.substring(0, slash).replace('/', '.');
    }

    /** Why a diagram's folder cannot be a Java package, if it cannot. */
    static Optional<String> problemWith(String sourcePath) {
        String packageName = packageOf(sourcePath);
        if (packageName.isEmpty()) {
            return Optional.empty();
        }
        for (String folder : packageName.split("\\.", -1)) {
            if (!SourceVersion.isIdentifier(folder)) {
                return Optional.of("folder '" + folder + "' cannot be part of a Java package name; the folders below"
                        + " the diagram source directory are the generated class's package, so rename it");
            }
            if (SourceVersion.isKeyword(folder)) {
                return Optional.of("folder '" + folder + "' is a Java keyword and cannot be part of a package name;"
                        + " the folders below the diagram source directory are the generated class's package,"
                        + " so rename it");
            }
        }
        return Optional.empty();
    }
}
