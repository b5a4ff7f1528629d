package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.compiler.DiagramCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaffolderTest {

    @TempDir
    Path project;

    private final FakeCompiler compiler = new FakeCompiler();
    private final RecordingLog log = new RecordingLog();

    @Test
    void writesPayloadsAndImplementationIntoThePackageOfTheDiagram() throws IOException {
        diagram("com/example/order.mermaid", "title: Order\nstep: charge\nstep: ship");

        ScaffoldReport report = scaffold();

        Path java = project.resolve("src/main/java/com/example");
        assertThat(java.resolve("ChargePayload.java")).exists();
        assertThat(java.resolve("ShipPayload.java")).exists();
        assertThat(java.resolve("OrderWorkflow.java")).exists();
        assertThat(report.written()).hasSize(3);
        assertThat(log.infos).contains("Wrote src/main/java/com/example/ChargePayload.java", "3 files written, 0 kept as they were");
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        diagram("com/example/order.mermaid", "title: Order\nstep: charge");
        Path handWritten = project.resolve("src/main/java/com/example/ChargePayload.java");
        Files.createDirectories(handWritten.getParent());
        Files.writeString(handWritten, "record ChargePayload(long cents) {}\n");

        ScaffoldReport report = scaffold();

        assertThat(handWritten).hasContent("record ChargePayload(long cents) {}");
        assertThat(report.kept()).containsExactly(handWritten);
        assertThat(log.infos).contains("Kept src/main/java/com/example/ChargePayload.java (exists)");
    }

    @Test
    void aSecondRunWritesNothing() throws IOException {
        diagram("com/example/order.mermaid", "title: Order\nstep: charge");
        scaffold();

        ScaffoldReport again = scaffold();

        assertThat(again.written()).isEmpty();
        assertThat(again.kept()).hasSize(2);
    }

    @Test
    void aDiagramWithErrorsGetsNoFilesAndFailsWithItsLocatedErrors() throws IOException {
        diagram("com/example/bad.mermaid", "title: Bad\nstep: charge\nerror: no arrow from [*]");
        diagram("com/example/good.mermaid", "title: Good\nstep: pack");

        ScaffoldReport report = scaffold();

        assertThat(project.resolve("src/main/java/com/example/ChargePayload.java")).doesNotExist();
        assertThat(project.resolve("src/main/java/com/example/PackPayload.java")).exists();
        assertThat(log.errors).containsExactly("src/main/mermaid/com/example/bad.mermaid:3:1: no arrow from [*]");
        assertThat(report.summary()).isEqualTo("1 problem in 1 diagram");
    }

    @Test
    void aForkGetsItsResultRecordsAndItsMergeMethodFromTheRealCompiler() throws IOException {
        diagram("com/example/checkout.mermaid", String.join("\n", "---", "title: Checkout", "---", "stateDiagram-v2",
                "state split <<fork>>", "state merge <<join>>", "[*] --> prepare", "prepare --> split",
                "split --> chargeCard", "split --> reserveStock", "chargeCard --> merge", "reserveStock --> merge",
                "merge --> ship", "ship --> [*]", ""));
        DiagramCompiler real = new DiagramCompiler();
        ScaffoldRequest request = new ScaffoldRequest(project, project.resolve("src/main/mermaid"),
                List.of("**/*.mermaid"), List.of(), project.resolve("src/main/java"));

        ScaffoldReport report = new Scaffolder(real::compile, real::scaffold, log).scaffold(request);

        Path java = project.resolve("src/main/java/com/example");
        assertThat(report.failed()).isFalse();
        assertThat(java.resolve("ChargeCardResult.java")).content().contains("public record ChargeCardResult()");
        assertThat(java.resolve("ReserveStockResult.java")).exists();
        assertThat(java.resolve("CheckoutWorkflow.java")).content()
                .contains("public ShipPayload merge(ChargeCardResult chargeCard, ReserveStockResult reserveStock)");
        assertThat(report.written()).hasSize(7);
    }

    private ScaffoldReport scaffold() {
        ScaffoldRequest request = new ScaffoldRequest(project, project.resolve("src/main/mermaid"),
                List.of("**/*.mermaid"), List.of(), project.resolve("src/main/java"));
        return new Scaffolder(compiler::compile, compiler::scaffold, log).scaffold(request);
    }

    private void diagram(String sourcePath, String text) throws IOException {
        Path file = project.resolve("src/main/mermaid").resolve(sourcePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
