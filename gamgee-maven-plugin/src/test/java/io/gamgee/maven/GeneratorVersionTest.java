package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorVersionTest {

    @TempDir
    Path dir;

    @Test
    void aReleaseIsItsVersion() throws IOException {
        assertThat(GeneratorVersion.of("1.2.0", jar("compiler.jar", "classes"))).isEqualTo("1.2.0");
    }

    @Test
    void aRebuiltSnapshotCompilerIsAnotherGenerator() throws IOException {
        String before = GeneratorVersion.of("1.3.0-SNAPSHOT", jar("compiler.jar", "old classes"));
        String after = GeneratorVersion.of("1.3.0-SNAPSHOT", jar("compiler.jar", "new classes"));

        assertThat(before).startsWith("1.3.0-SNAPSHOT@").isNotEqualTo(after);
        assertThat(GeneratorVersion.of("1.3.0-SNAPSHOT", jar("compiler.jar", "new classes"))).isEqualTo(after);
    }

    @Test
    void aSnapshotLoadedFromAClassFolderIsItsVersion() {
        assertThat(GeneratorVersion.of("1.3.0-SNAPSHOT", dir)).isEqualTo("1.3.0-SNAPSHOT");
    }

    private Path jar(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
