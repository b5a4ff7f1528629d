package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void diagramsWithoutWaitsOrDelaysKeepTheHashTheyHadBeforeWaitsExisted() {
        assertThat(hash(Diagrams.resource("checkout.mermaid")))
                .isEqualTo("6f53a86153c3499f994a088dab78f497aa7d2e24907aece1bf147b1d3b9181e6");
        assertThat(hash(Diagrams.body("[*] --> a", "a --> b: a plain description", "b --> [*]")))
                .isEqualTo(hash(Diagrams.body("[*] --> a", "a --> b", "b --> [*]")));
    }

    @Test
    void aDelayItsLengthAndItsSpellingChangeTheHashOnlyWhenWhatRunsChanges() {
        String none = hash(Diagrams.body("[*] --> a", "a --> b", "b --> [*]"));
        String tenMinutes = hash(Diagrams.body("[*] --> a", "a --> b: after 10m", "b --> [*]"));
        String iso = hash(Diagrams.body("[*] --> a", "a --> b: after PT10M", "b --> [*]"));
        String hour = hash(Diagrams.body("[*] --> a", "a --> b: after 1h", "b --> [*]"));

        assertThat(tenMinutes).isNotEqualTo(none).isEqualTo(iso).isNotEqualTo(hour);
    }

    @Test
    void aWaitsEventsTimerAndTargetsChangeTheHash() {
        String payment = hash(Diagrams.resource("payment.mermaid"));
        String reordered = hash(payment("paid --> cancelOrder: on declined", "paid --> ship: on captured",
                "paid --> remind: after 48h", "remind --> cancelOrder: after 5d", "ship --> [*]", "cancelOrder --> [*]"));
        String renamed = hash(payment("paid --> ship: on settled", "paid --> cancelOrder: on declined",
                "paid --> remind: after 2d", "remind --> cancelOrder: after 5d", "ship --> [*]", "cancelOrder --> [*]"));
        String longer = hash(payment("paid --> ship: on captured", "paid --> cancelOrder: on declined",
                "paid --> remind: after 3d", "remind --> cancelOrder: after 5d", "ship --> [*]", "cancelOrder --> [*]"));
        String elsewhere = hash(payment("paid --> ship: on captured", "paid --> cancelOrder: on declined",
                "paid --> [*]: after 2d", "remind --> cancelOrder: after 5d", "ship --> [*]", "cancelOrder --> [*]",
                "paid --> remind: on remindNow"));

        assertThat(reordered).isEqualTo(payment);
        assertThat(List.of(renamed, longer, elsewhere)).doesNotContain(payment).doesNotHaveDuplicates();
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

    private static DiagramSource payment(String... waitArrows) {
        return Diagrams.source("payment.mermaid", "---\ntitle: Payment\n---\nstateDiagram-v2\nstate paid <<choice>>\n"
                + "[*] --> requestPayment\nrequestPayment --> paid\n" + String.join("\n", waitArrows) + "\n");
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
