package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated base classes compared with the files under {@code src/test/resources/golden}. After an
 * intended change, rewrite them with {@code mvn -pl gamgee-compiler test -Dgamgee.updateGolden=true}
 * and review the diff.
 */
class GoldenFileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "charge.mermaid, ChargeCardWorkflowBase",
        "conditions.mermaid, ConditionsWorkflowBase",
        "out-of-order.mermaid, OrderFulfillmentWorkflowBase",
        "give-up.mermaid, ReviewWorkflowBase",
        "timeout.mermaid, SendInvoiceWorkflowBase",
        "checkout.mermaid, CheckoutWorkflowBase",
        "payment.mermaid, PaymentWorkflowBase",
    })
    void generatedBaseMatchesGoldenFile(String diagram, String className) throws IOException {
        CompilationResult result = new DiagramCompiler().compile(Diagrams.resource(diagram));

        assertThat(result.diagnostics()).isEmpty();
        GeneratedFile file = result.baseClass().orElseThrow();
        assertThat(file.relativePath()).isEqualTo("com/example/" + className + ".java");
        assertThat(file.content()).isEqualTo(golden(className + ".java", file.content()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"conditions.mermaid", "out-of-order.mermaid"})
    void sameInputGivesByteIdenticalOutput(String diagram) {
        String first = new DiagramCompiler().compile(Diagrams.resource(diagram)).baseClass().orElseThrow().content();
        String second = new DiagramCompiler().compile(Diagrams.resource(diagram)).baseClass().orElseThrow().content();

        assertThat(second).isEqualTo(first);
    }

    private static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("gamgee.updateGolden")) {
            Path file = Path.of(System.getProperty("gamgee.goldenDir"), name);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = GoldenFileTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s (create it with -Dgamgee.updateGolden=true)", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
