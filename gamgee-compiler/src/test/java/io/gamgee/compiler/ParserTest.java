package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gamgee.core.definition.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every construct Mermaid accepts in a state diagram is read: ignored, used, or reported as not supported. */
class ParserTest {

    private static final String PATH = "src/main/mermaid/com/example/test.mermaid";

    @ParameterizedTest
    @ValueSource(strings = {
        "%% a whole-line comment",
        "    %%{init: {'theme': 'dark'}}%%",
        "direction LR",
        "direction TB",
        "note left of a : a note",
        "note right of a: another note",
        "note \"floating\" as N1",
        "a : a description",
        "a: description: with a colon",
        "state \"A long name\" as a",
        "state a",
        "a",
        "a:::important",
        "classDef important fill:#f00,color:white",
        "class a important",
        "class a,b important",
        "style a fill:#f9f,stroke:#333",
        "accTitle: The title",
        "accDescr: A one-line description",
        "accDescr { one line }",
        "",
        "\t",
    })
    void ignoredConstructsLeaveTheWorkflowAsItIs(String line) {
        DiagramSource source = Diagrams.body("    [*] --> a", line, "    a --> b", "    b --> [*]");

        CompilationResult result = new DiagramCompiler().compile(source);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.baseClass()).isPresent();
    }

    @Test
    void multiLineNotesAndDescriptionsAreSkippedWhateverTheyHold() {
        DiagramSource source = Diagrams.body(
                "    note right of a",
                "        this --> is not an arrow",
                "        state x <<fork>>",
                "    end note",
                "    accDescr {",
                "        nor is this --> one",
                "    }",
                "    [*] --> a",
                "    a --> [*]");

        assertThat(Diagrams.problems(source)).isEmpty();
    }

    @Test
    void trailingCommentsAreDropped() {
        DiagramSource source = Diagrams.body("    [*] --> a %% the start", "    a --> [*] %% the end");

        assertThat(Diagrams.problems(source)).isEmpty();
    }

    @Test
    void classSuffixesOnArrowEndsAreIgnored() {
        DiagramSource source = Diagrams.body("    [*] --> a:::start", "    a:::start --> b:::done", "b --> [*]");

        assertThat(Diagrams.problems(source)).isEmpty();
    }

    @Test
    void arrowsMayBeWrittenWithoutSpacesAndLabels() {
        DiagramSource source = Diagrams.body(
                "state c <<choice>>", "[*]-->a", "a-->c", "c-->b:toB", "c --> [*] : stop", "b-->[*]");

        assertThat(Diagrams.problems(source)).isEmpty();
    }

    @Test
    void stateDiagramWithoutV2AndCrLfLineEndsAreRead() {
        DiagramSource source = Diagrams.source("test.mermaid",
                "---\r\ntitle: Test\r\n---\r\nstateDiagram\r\n[*] --> a\r\na --> [*]\r\n");

        assertThat(Diagrams.problems(source)).isEmpty();
    }

    @Test
    void frontMatterIgnoresOtherKeysAndUnquotesTheTitle() {
        DiagramSource source = Diagrams.lines("---", "config:", "  theme: forest", "title: \"order fulfillment\"",
                "---", "stateDiagram-v2", "[*] --> a", "a --> [*]");

        CompilationResult result = new DiagramCompiler().compile(source);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.baseClass().orElseThrow().simpleName()).isEqualTo("OrderFulfillmentWorkflowBase");
    }

    @Test
    void statesDeclaredAfterTheirArrowsKeepTheirKind() {
        DiagramSource source = Diagrams.body(
                "[*] --> a", "a --> c", "c --> b: toB", "c --> [*]: stop", "b --> [*]", "state c <<choice>>");

        String code = new DiagramCompiler().compile(source).baseClass().orElseThrow().content();

        assertThat(code).contains("public abstract CDecision a(APayload payload)")
                .contains(".decision(\"c\", 10, \"toB\", \"b\", \"stop\", " + "WorkflowDefinition.END)")
                .doesNotContain(WorkflowDefinition.class.getName() + ".END");
    }

    @Test
    void compositeStatesAreNotSupportedYetAndParsingContinues() {
        DiagramSource source = Diagrams.body(
                "    [*] --> a",
                "    state a {",
                "        [*] --> inner",
                "        inner --> [*]",
                "    }",
                "    a --> b",
                "    b --> c c");

        assertThat(Diagrams.problems(source)).containsExactly(
                PATH + ":6:5: composite state a ('state a { … }') is not supported yet: draw its states at the top level",
                PATH + ":11:5: cannot read 'b --> c c': expected an arrow ('a --> b'), a state ('state c <<choice>>'), "
                        + "a description ('a : text'), a note, a comment ('%%') or a styling line");
    }

    @Test
    void concurrencyIsNotSupportedYetButForkAndJoinAreRead() {
        DiagramSource source = Diagrams.body(
                "    state split <<fork>>",
                "    state merge [[join]]",
                "    [*] --> first",
                "    first --> split",
                "    split --> a",
                "    split --> b",
                "    a --> merge",
                "    b --> merge",
                "    merge --> [*]",
                "    --");

        assertThat(Diagrams.problems(source)).containsExactly(
                PATH + ":14:5: concurrency ('--') is not supported yet: remove the separator");
    }

    @Test
    void forkAndJoinStereotypesAreCaseInsensitiveAndMayBeDeclaredAfterTheirArrows() {
        DiagramSource source = Diagrams.body(
                "    [*] --> first",
                "    first --> split",
                "    split --> a",
                "    split --> b",
                "    a --> merge",
                "    b --> merge",
                "    merge --> [*]",
                "    state split <<Fork>>",
                "    state merge <<JOIN>>");

        String code = new DiagramCompiler().compile(source).baseClass().orElseThrow().content();

        assertThat(code).contains(".fork(\"split\", \"merge\", 12, \"a\", \"b\")")
                .contains(".join(\"merge\", WorkflowDefinition.END, 13,")
                .contains("public abstract void merge(AResult a, BResult b) throws Exception;");
    }

    @Test
    void unreadableLinesAreReportedWithTheirLocationAndTheRestIsStillChecked() {
        DiagramSource source = Diagrams.body(
                "    [*] --> a",
                "      a -> b",
                "    state c <<decision>>",
                "    }",
                "    a --> [*]",
                "    x --> y --> z");

        assertThat(Diagrams.problems(source)).containsExactly(
                PATH + ":6:7: cannot read 'a -> b': write the arrow as 'a --> b'",
                PATH + ":7:13: unknown state type '<<decision>>' for state c: use <<choice>>, <<fork>> or <<join>>",
                PATH + ":8:5: unexpected '}': there is no open composite state",
                PATH + ":10:5: cannot read 'x --> y --> z': expected an arrow ('a --> b'), a state ('state c <<choice>>'), "
                        + "a description ('a : text'), a note, a comment ('%%') or a styling line");
    }
}
