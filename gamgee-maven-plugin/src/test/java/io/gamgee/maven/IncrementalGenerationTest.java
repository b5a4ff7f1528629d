package io.gamgee.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalGenerationTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path project;

    private Path diagrams;
    private Path output;
    private FakeCompiler compiler;
    private RecordingLog log;

    @BeforeEach
    void layOutProject() {
        diagrams = project.resolve("src/main/mermaid");
        output = project.resolve("target/generated-sources/gamgee");
        compiler = new FakeCompiler();
        log = new RecordingLog();
    }

    @Test
    void writesEachBaseClassIntoThePackageOfItsFolder() throws IOException {
        diagram("com/example/orders/order.mermaid", "title: Order");
        diagram("com/example/billing/invoice.mmd", "title: Invoice");

        GenerateReport report = generate("1.0");

        assertThat(output.resolve("com/example/orders/OrderWorkflowBase.java")).exists();
        assertThat(output.resolve("com/example/billing/InvoiceWorkflowBase.java")).exists();
        assertThat(report.generated()).isEqualTo(2);
        assertThat(log.infos).contains("0 diagrams up to date, 2 generated");
    }

    @Test
    void onlyIncludedAndNotExcludedFilesAreDiagrams() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        diagram("com/example/notes.txt", "title: Notes");
        diagram("com/example/legacy/old.mermaid", "title: Old");

        new IncrementalGeneration(compiler::compile, log).generate(request("1.0", List.of("com/example/legacy/**")));

        assertThat(compiler.compiled).containsExactly("com/example/order.mermaid");
    }

    @Test
    void anUnchangedDiagramIsNeitherCompiledNorRewritten() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        diagram("com/example/invoice.mermaid", "title: Invoice");
        generate("1.0");
        Path generated = output.resolve("com/example/OrderWorkflowBase.java");
        Files.setLastModifiedTime(generated, LONG_AGO);
        compiler.compiled.clear();

        GenerateReport report = generate("1.0");

        assertThat(compiler.compiled).isEmpty();
        assertThat(Files.getLastModifiedTime(generated)).isEqualTo(LONG_AGO);
        assertThat(report.upToDate()).isEqualTo(2);
        assertThat(log.infos).last().isEqualTo("2 diagrams up to date, 0 generated");
    }

    @Test
    void onlyTheChangedDiagramIsCompiledAgain() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        diagram("com/example/invoice.mermaid", "title: Invoice");
        generate("1.0");
        compiler.compiled.clear();

        diagram("com/example/invoice.mermaid", "title: Invoice\nstep: send");
        generate("1.0");

        assertThat(compiler.compiled).containsExactly("com/example/invoice.mermaid");
        assertThat(output.resolve("com/example/InvoiceWorkflowBase.java")).content().contains("step: send");
        assertThat(log.infos).last().isEqualTo("1 diagram up to date, 1 generated");
    }

    @Test
    void aNewGeneratorRegeneratesEverything() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        generate("1.0");
        compiler.compiled.clear();

        generate("1.1");

        assertThat(compiler.compiled).containsExactly("com/example/order.mermaid");
    }

    @Test
    void aDeletedOutputIsGeneratedAgain() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        generate("1.0");
        Files.delete(output.resolve("com/example/OrderWorkflowBase.java"));

        generate("1.0");

        assertThat(output.resolve("com/example/OrderWorkflowBase.java")).exists();
    }

    @Test
    void removingADiagramDeletesItsClass() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        diagram("com/example/invoice.mermaid", "title: Invoice");
        generate("1.0");

        Files.delete(diagrams.resolve("com/example/invoice.mermaid"));
        GenerateReport report = generate("1.0");

        assertThat(output.resolve("com/example/InvoiceWorkflowBase.java")).doesNotExist();
        assertThat(output.resolve("com/example/OrderWorkflowBase.java")).exists();
        assertThat(report.removed()).isEqualTo(1);
        assertThat(Files.readString(cacheFile())).doesNotContain("invoice.mermaid");
    }

    @Test
    void renamingAWorkflowDeletesTheClassOfItsOldTitle() throws IOException {
        diagram("com/example/order.mermaid", "title: Order");
        generate("1.0");

        diagram("com/example/order.mermaid", "title: Purchase");
        generate("1.0");

        assertThat(output.resolve("com/example/OrderWorkflowBase.java")).doesNotExist();
        assertThat(output.resolve("com/example/PurchaseWorkflowBase.java")).exists();
    }

    @Test
    void everyDiagramIsCompiledAndEveryErrorLoggedWithItsLocationBeforeFailing() throws IOException {
        diagram("com/example/a.mermaid", "title: A\nerror: first problem\nerror: second problem");
        diagram("com/example/b.mermaid", "title: B");
        diagram("com/example/c.mermaid", "title: C\nwarning: just so you know\nerror: third problem");

        GenerateReport report = generate("1.0");

        assertThat(compiler.compiled).hasSize(3);
        assertThat(log.errors).containsExactly(
                "src/main/mermaid/com/example/a.mermaid:2:1: first problem",
                "src/main/mermaid/com/example/a.mermaid:3:1: second problem",
                "src/main/mermaid/com/example/c.mermaid:3:1: third problem");
        assertThat(log.warnings).containsExactly("src/main/mermaid/com/example/c.mermaid:2:1: warning: just so you know");
        assertThat(report.failed()).isTrue();
        assertThat(report.summary()).isEqualTo("3 problems in 2 diagrams");
        assertThat(output.resolve("com/example/BWorkflowBase.java")).exists();
    }

    @Test
    void warningsAloneDoNotFailTheBuild() throws IOException {
        diagram("com/example/a.mermaid", "title: A\nwarning: a decision with one branch");

        GenerateReport report = generate("1.0");

        assertThat(report.failed()).isFalse();
        assertThat(log.warnings).hasSize(1);
    }

    @Test
    void aBrokenDiagramLosesItsOldClassAndIsCompiledAgainNextTime() throws IOException {
        diagram("com/example/a.mermaid", "title: A");
        generate("1.0");

        diagram("com/example/a.mermaid", "title: A\nerror: broken");
        generate("1.0");
        compiler.compiled.clear();
        GenerateReport again = generate("1.0");

        assertThat(output.resolve("com/example/AWorkflowBase.java")).doesNotExist();
        assertThat(compiler.compiled).containsExactly("com/example/a.mermaid");
        assertThat(again.summary()).isEqualTo("1 problem in 1 diagram");
    }

    @Test
    void twoDiagramsThatWouldWriteTheSameClassAreAnError() throws IOException {
        diagram("com/example/a.mermaid", "title: Same");
        diagram("com/example/b.mermaid", "title: Same");

        GenerateReport report = generate("1.0");

        assertThat(log.errors).containsExactly("src/main/mermaid/com/example/b.mermaid:1:1: generates "
                + "com/example/SameWorkflowBase.java, which src/main/mermaid/com/example/a.mermaid generates too;"
                + " give one of the diagrams another title");
        assertThat(output.resolve("com/example/SameWorkflowBase.java")).content().contains("com/example/a.mermaid");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void aFolderThatIsNoJavaPackageIsAnErrorAtTheDiagram() throws IOException {
        diagram("com/my-flows/a.mermaid", "title: A");

        GenerateReport report = generate("1.0");

        assertThat(compiler.compiled).isEmpty();
        assertThat(log.errors).singleElement().asString()
                .startsWith("src/main/mermaid/com/my-flows/a.mermaid:1:1: folder 'my-flows' cannot be part of a Java package");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void aDiagramThatIsNotUtf8IsAnErrorAtTheDiagram() throws IOException {
        Path file = diagrams.resolve("com/example/latin1.mermaid");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xC9, 't', 'a', 't'});

        GenerateReport report = generate("1.0");

        assertThat(log.errors).containsExactly(
                "src/main/mermaid/com/example/latin1.mermaid:1:1: not UTF-8 text; save the diagram as UTF-8");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void aMissingSourceDirectoryIsNoError() {
        GenerateReport report = generate("1.0");

        assertThat(report.failed()).isFalse();
        assertThat(log.infos).containsExactly(
                "No diagrams: src/main/mermaid does not exist", "0 diagrams up to date, 0 generated");
    }

    @Test
    void anUnchangedRunLeavesTheCacheFileAlone() throws IOException {
        diagram("com/example/a.mermaid", "title: A");
        generate("1.0");
        Files.setLastModifiedTime(cacheFile(), LONG_AGO);

        generate("1.0");

        assertThat(Files.getLastModifiedTime(cacheFile())).isEqualTo(LONG_AGO);
    }

    private GenerateReport generate(String generatorVersion) {
        return new IncrementalGeneration(compiler::compile, log).generate(request(generatorVersion, List.of()));
    }

    private GenerateRequest request(String generatorVersion, List<String> excludes) {
        return new GenerateRequest(project, diagrams, List.of("**/*.mermaid", "**/*.mmd"), excludes, output,
                cacheFile(), generatorVersion);
    }

    private Path cacheFile() {
        return project.resolve("target/gamgee/digests.properties");
    }

    private void diagram(String sourcePath, String text) throws IOException {
        Path file = diagrams.resolve(sourcePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
