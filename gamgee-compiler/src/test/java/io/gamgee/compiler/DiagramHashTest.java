package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The diagram hash stored with every instance: what changes it and what does not. Only its
 * presence in the generated definition is read here, as a user's running instances would see it.
 */
class DiagramHashTest {

    private static final Pattern HASH = Pattern.compile("WorkflowDefinition\\.builder\\(\"\\w+\", \"([0-9a-f]{64})\"\\)");

    @Test
    void diagramWithoutTimeoutKeepsTheHashItHadBeforeTimeoutsExisted() {
        // the hash charge.mermaid had when attempts and backoffMs were the only retry settings
        assertThat(hash(Diagrams.resource("charge.mermaid")))
                .isEqualTo("0f5bef53c50be9804c0317d5fae9b0d65a3c931e008363ac552f5c4d4744eede");
    }

    @Test
    void addingOrChangingATimeoutChangesTheHash() {
        String without = hash(Diagrams.body("[*] --> a", "a --> a: attempts=3\\nbackoffMs=500", "a --> [*]"));
        String with = hash(Diagrams.body("[*] --> a", "a --> a: attempts=3\\nbackoffMs=500\\ntimeoutMs=30000",
                "a --> [*]"));
        String longer = hash(Diagrams.body("[*] --> a", "a --> a: attempts=3\\nbackoffMs=500\\ntimeoutMs=60000",
                "a --> [*]"));

        assertThat(with).isNotEqualTo(without).isNotEqualTo(longer);
    }

    @Test
    void orderAndSeparatorsOfTheSettingsDoNotChangeTheHash() {
        assertThat(hash(Diagrams.body("[*] --> a", "a --> a: timeoutMs=30000<br>attempts=3", "a --> [*]")))
                .isEqualTo(hash(Diagrams.body("[*] --> a", "a --> a: attempts=3, timeoutMs=30000", "a --> [*]")));
    }

    private static String hash(DiagramSource source) {
        CompilationResult result = new DiagramCompiler().compile(source);
        assertThat(result.diagnostics()).isEmpty();
        Matcher matcher = HASH.matcher(result.baseClass().orElseThrow().content());
        assertThat(matcher.find()).as("a hash in the generated definition").isTrue();
        return matcher.group(1);
    }
}
