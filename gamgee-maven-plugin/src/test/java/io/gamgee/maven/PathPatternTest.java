package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void doubleStarSlashMatchesAnyFoldersIncludingNone() {
        PathPattern pattern = PathPattern.of("**/*.mermaid");

        assertThat(pattern.matches("order.mermaid")).isTrue();
        assertThat(pattern.matches("com/example/order.mermaid")).isTrue();
        assertThat(pattern.matches("order.mermaid.bak")).isFalse();
        assertThat(pattern.matches("com/example/order.mmd")).isFalse();
    }

    @Test
    void singleStarStaysWithinOneFolder() {
        PathPattern pattern = PathPattern.of("com/*.mmd");

        assertThat(pattern.matches("com/order.mmd")).isTrue();
        assertThat(pattern.matches("com/example/order.mmd")).isFalse();
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        PathPattern pattern = PathPattern.of("legacy/");

        assertThat(pattern.matches("legacy/a.mermaid")).isTrue();
        assertThat(pattern.matches("legacy/old/b.mermaid")).isTrue();
        assertThat(pattern.matches("current/a.mermaid")).isFalse();
    }

    @Test
    void questionMarkAndLiteralDotsAreNotRegex() {
        PathPattern pattern = PathPattern.of("v?/a.mermaid");

        assertThat(pattern.matches("v1/a.mermaid")).isTrue();
        assertThat(pattern.matches("v1/aXmermaid")).isFalse();
        assertThat(pattern.matches("v12/a.mermaid")).isFalse();
    }

    @Test
    void backslashesAreFolderSeparators() {
        assertThat(PathPattern.of("com\\**\\*.mermaid").matches("com/example/a.mermaid")).isTrue();
    }

    @Test
    void emptyPatternIsRejected() {
        assertThatThrownBy(() -> PathPattern.of("  ")).hasMessage("empty file pattern");
    }
}
