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
    void diagramsWithoutForksKeepTheHashTheyHadBeforeForksExisted() {
        assertThat(hash(Diagrams.resource("conditions.mermaid")))
                .isEqualTo("793c2aed37eb7f3d450768c1bce34096dc85ceaa333920ddd41ccf75be53d3a7");
        assertThat(hash(Diagrams.resource("out-of-order.mermaid")))
                .isEqualTo("66eacfaed1633936fb4596e1f9252ec8a274f0e01bb1b6ef0c01a0f1e27251cc");
    }

    @Test
    void theOrderOfAForksBranchesAndItsJoinsNextStateChangeTheHash() {
        String checkout = hash(Diagrams.resource("checkout.mermaid"));
        String swapped = hash(checkout("state split <<fork>>", "state merge <<join>>", "[*] --> prepare",
                "prepare --> split", "split --> reserveStock", "split --> chargeCard",
                "reserveStock --> reserveStock: attempts=5\\nbackoffMs=200", "chargeCard --> merge",
                "reserveStock --> pickShelf", "pickShelf --> merge", "merge --> ship", "ship --> [*]"));
        String same = hash(checkout("state merge <<join>>", "state split <<fork>>", "[*] --> prepare",
                "prepare --> split", "split --> chargeCard", "split --> reserveStock",
                "reserveStock --> reserveStock: attempts=5\\nbackoffMs=200", "chargeCard --> merge",
                "reserveStock --> pickShelf", "pickShelf --> merge", "merge --> ship", "ship --> [*]"));
        String toEnd = hash(checkout("state split <<fork>>", "state merge <<join>>", "[*] --> prepare",
                "prepare --> split", "split --> chargeCard", "split --> reserveStock",
                "reserveStock --> reserveStock: attempts=5\\nbackoffMs=200", "chargeCard --> merge",
                "reserveStock --> pickShelf", "pickShelf --> merge", "merge --> [*]"));

        assertThat(same).isEqualTo(checkout);
        assertThat(swapped).isNotEqualTo(checkout);
        assertThat(toEnd).isNotEqualTo(checkout);
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

    private static DiagramSource checkout(String... body) {
        return Diagrams.source("checkout.mermaid", "---\ntitle: Checkout\n---\nstateDiagram-v2\n"
                + String.join("\n", body) + "\n");
    }

    private static String hash(DiagramSource source) {
        CompilationResult result = new DiagramCompiler().compile(source);
        assertThat(result.diagnostics()).isEmpty();
        Matcher matcher = HASH.matcher(result.baseClass().orElseThrow().content());
        assertThat(matcher.find()).as("a hash in the generated definition").isTrue();
        return matcher.group(1);
    }
}
