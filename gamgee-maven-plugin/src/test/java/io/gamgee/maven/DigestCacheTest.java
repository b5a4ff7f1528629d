package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCacheTest {

    @TempDir
    Path dir;

    @Test
    void entriesSurviveASaveAndLoad() {
        Path file = dir.resolve("gamgee/digests.properties");
        DigestCache cache = DigestCache.load(file);
        cache.put("com/example/my flow.mermaid", new DigestCache.Entry("abc", List.of("com/example/FlowWorkflowBase.java")));
        cache.saveIfChanged();

        DigestCache.Entry entry = DigestCache.load(file).get("com/example/my flow.mermaid");

        assertThat(entry).isEqualTo(new DigestCache.Entry("abc", List.of("com/example/FlowWorkflowBase.java")));
    }

    @Test
    void theFileIsTheSameForTheSameEntries() throws IOException {
        Path first = dir.resolve("first.properties");
        Path second = dir.resolve("second.properties");
        DigestCache a = DigestCache.load(first);
        a.put("b.mermaid", new DigestCache.Entry("2", List.of("BWorkflowBase.java")));
        a.put("a.mermaid", new DigestCache.Entry("1", List.of("AWorkflowBase.java")));
        a.saveIfChanged();
        DigestCache b = DigestCache.load(second);
        b.put("a.mermaid", new DigestCache.Entry("1", List.of("AWorkflowBase.java")));
        b.put("b.mermaid", new DigestCache.Entry("2", List.of("BWorkflowBase.java")));
        b.saveIfChanged();

        assertThat(Files.readString(first)).isEqualTo(Files.readString(second)).doesNotContain("20");
    }

    @Test
    void anUnreadableCacheIsEmpty() throws IOException {
        Path file = dir.resolve("digests.properties");
        Files.writeString(file, "broken=\\u12");

        assertThat(DigestCache.load(file).diagrams()).isEmpty();
    }

    @Test
    void theDigestChangesWithTextAndPluginVersion() {
        String base = DigestCache.digest("1.0", "title: A");

        assertThat(DigestCache.digest("1.0", "title: A")).isEqualTo(base);
        assertThat(DigestCache.digest("1.0", "title: B")).isNotEqualTo(base);
        assertThat(DigestCache.digest("1.1", "title: A")).isNotEqualTo(base);
        assertThat(base).hasSize(64);
    }
}
