package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of the diagram language: the exact message a user sees, and where it points. */
class ValidatorTest {

    private static final String AT = "src/main/mermaid/com/example/test.mermaid:";

    @Nested
    class FrontMatterAndBody {

        @Test
        void missingFrontMatter() {
            assertThat(Diagrams.problems(Diagrams.lines("stateDiagram-v2", "[*] --> a", "a --> [*]"))).containsExactly(
                    AT + "1:1: missing front matter: start the file with '---', 'title: <workflow name>', '---'");
        }

        @Test
        void frontMatterWithoutTitle() {
            assertThat(Diagrams.problems(Diagrams.lines(
                    "---", "config:", "  theme: dark", "---", "stateDiagram-v2", "[*] --> a", "a --> [*]")))
                    .containsExactly(AT + "1:1: front matter has no title: add 'title: <workflow name>'");
        }

        @Test
        void frontMatterNotClosed() {
            assertThat(Diagrams.problems(Diagrams.lines("---", "title: T", "stateDiagram-v2", "[*] --> a")))
                    .containsExactly(
                            AT + "1:1: front matter is not closed: add a line '---' after it",
                            AT + "5:1: no diagram body: add a 'stateDiagram-v2' line followed by the diagram's states "
                                    + "and arrows");
        }

        @Test
        void noDiagramBody() {
            assertThat(Diagrams.problems(Diagrams.lines("---", "title: T", "---", "%% nothing here"))).containsExactly(
                    AT + "4:1: no diagram body: add a 'stateDiagram-v2' line followed by the diagram's states and arrows");
        }

        @Test
        void anotherKindOfDiagram() {
            assertThat(Diagrams.problems(Diagrams.lines("---", "title: T", "---", "  flowchart LR", "[*] --> a",
                    "a --> [*]"))).containsExactly(AT + "4:3: expected 'stateDiagram-v2' or 'stateDiagram', found "
                    + "'flowchart': a workflow is a Mermaid state diagram");
        }

        @Test
        void emptyFile() {
            assertThat(Diagrams.problems(Diagrams.source("test.mermaid", ""))).containsExactly(
                    AT + "1:1: missing front matter: start the file with '---', 'title: <workflow name>', '---'",
                    AT + "1:1: no diagram body: add a 'stateDiagram-v2' line followed by the diagram's states and arrows");
        }
    }

    @Nested
    class Start {

        @Test
        void noArrowFromStart() {
            assertThat(Diagrams.problems(Diagrams.body("a --> [*]"))).containsExactly(
                    AT + "4:1: no arrow from [*]: add '[*] --> <first step>' to say where the workflow starts");
        }

        @Test
        void moreThanOneArrowFromStart() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "[*] --> b", "a --> [*]", "b --> [*]")))
                    .containsExactly(AT + "6:1: more than one arrow from [*] (the first is at line 5): a workflow has "
                            + "exactly one first step");
        }

        @Test
        void startStraightToEnd() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "  [*] --> [*]", "a --> [*]"))).containsExactly(
                    AT + "6:3: '[*] --> [*]' has no step in between: lead [*] to the first step");
        }

        @Test
        void startAtDecision() {
            assertThat(Diagrams.problems(Diagrams.body(
                    "state c <<choice>>", "[*] --> c", "c --> a: go", "c --> [*]: stop", "a --> [*]")))
                    .containsExactly(AT + "6:9: the workflow starts at decision c: lead [*] to a step, which then "
                            + "leads to the decision");
        }
    }

    @Nested
    class Steps {

        @Test
        void stepWithoutOutgoingArrow() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> b"))).containsExactly(
                    AT + "6:7: step b has no outgoing arrow: connect it to [*] explicitly ('b --> [*]') or to the next "
                            + "state");
        }

        @Test
        void stepWithTwoOutgoingArrows() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> b", "a --> c", "b --> [*]", "c --> [*]")))
                    .containsExactly(AT + "7:1: step a has more than one outgoing arrow (the first is at line 6): a "
                            + "step leads to exactly one state; add a <<choice>> state after it to branch");
        }

        @Test
        void selfArrowIsNotASecondOutgoingArrow() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: attempts=2", "a --> [*]"))).isEmpty();
        }
    }

    @Nested
    class Decisions {

        @Test
        void decisionLeadingToItself() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c",
                    "c --> c: again", "c --> b: toB", "c --> [*]: stop", "b --> [*]"))).containsExactly(
                    AT + "8:1: decision c leads to itself: a branch leads to a step or [*]; retries belong on steps");
        }

        @Test
        void decisionLeadingToDecision() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "state d <<choice>>", "[*] --> a",
                    "a --> c", "c --> d: toD", "c --> [*]: stop", "d --> b: toB", "d --> [*]: end", "b --> [*]")))
                    .containsExactly(AT + "9:1: decision c leads to decision d: a branch leads to a step or [*]; put "
                            + "a step between them");
        }

        @Test
        void unlabelledBranch() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c", "c --> b-step",
                    "c --> [*]: stop", "b-step --> [*]"))).containsExactly(
                    AT + "8:1: arrow from decision c to b-step has no label: label it with the branch method's name "
                            + "('c --> b-step: goToBStep')");
        }

        @Test
        void duplicateLabels() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c", "c --> b: go",
                    "c --> [*]: go", "b --> [*]"))).containsExactly(
                    AT + "9:12: decision c has two branches labelled go (the first at line 8): labels name branch "
                            + "methods and must be unique");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "go left  | branch label 'go left' of decision c is not a valid Java method name: use a name like chooseLeft",
            "2nd      | branch label '2nd' of decision c is not a valid Java method name: use a name like chooseLeft",
            "class    | branch label 'class' of decision c is not a valid Java method name (it is a keyword): use a name like chooseLeft",
            "go-on    | branch label 'go-on' of decision c is not a valid Java method name: use a name like chooseLeft",
            "getClass | branch label 'getClass' of decision c clashes with a method of java.lang.Object: rename the branch",
        })
        void labelsMustBeJavaMethodNames(String label, String message) {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c",
                    "c --> b: " + label, "c --> [*]: stop", "b --> [*]"))).containsExactly(AT + "8:10: " + message);
        }

        @Test
        void singleBranchIsOnlyAWarning() {
            CompilationResult result = new DiagramCompiler().compile(Diagrams.body(
                    "state c <<choice>>", "[*] --> a", "a --> c", "c --> b: go", "b --> [*]"));

            assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                    AT + "5:1: warning: decision c has only one branch: a plain arrow from the step before it would do");
            assertThat(result.hasErrors()).isFalse();
            assertThat(result.baseClass()).isPresent();
        }

        @Test
        void decisionWithoutBranches() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c"))).containsExactly(
                    AT + "5:1: decision c has no branches: add labelled arrows from it to steps or [*]");
        }
    }

    @Nested
    class Retries {

        @Test
        void selfArrowWithoutSettings() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a", "a --> [*]"))).containsExactly(
                    AT + "6:1: self-arrow on step a has no retry settings: write 'a --> a: attempts=3\\nbackoffMs=500', "
                            + "or remove the arrow");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "attempts=three | 19 | attempts of step a must be a whole number of at least 1, found 'three'",
            "attempts=0     | 19 | attempts of step a must be a whole number of at least 1, found '0'",
            "attempts=-2    | 19 | attempts of step a must be a whole number of at least 1, found '-2'",
            "attempts=1.5   | 19 | attempts of step a must be a whole number of at least 1, found '1.5'",
            "attempts=      | 19 | attempts of step a must be a whole number of at least 1, found ''",
            "attempts = 99999999999 | 21 | attempts of step a must be a whole number of at least 1, found '99999999999'",
            "backoffMs=0    | 20 | backoffMs of step a must be a whole number of at least 1 (milliseconds), found '0'",
            "backoffMs=0.5s | 20 | backoffMs of step a must be a whole number of at least 1 (milliseconds), found '0.5s'",
            "timeoutMs=0    | 20 | timeoutMs of step a must be a whole number of at least 1 (milliseconds), found '0'",
            "timeoutMs=-1   | 20 | timeoutMs of step a must be a whole number of at least 1 (milliseconds), found '-1'",
            "timeoutMs=1.5  | 20 | timeoutMs of step a must be a whole number of at least 1 (milliseconds), found '1.5'",
            "timeoutMs=three | 20 | timeoutMs of step a must be a whole number of at least 1 (milliseconds), found 'three'",
            "attempts=3\\ntimeoutMs=30s | 32 | timeoutMs of step a must be a whole number of at least 1 (milliseconds), "
                    + "found '30s'",
        })
        void valuesMustBeWholePositiveNumbers(String label, int column, String message) {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: " + label, "a --> [*]")))
                    .containsExactly(AT + "6:" + column + ": " + message);
        }

        @Test
        void unknownKeyNamesTheKeyAndTheAllowedOnes() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: attempts=2, retries=3", "a --> [*]")))
                    .containsExactly(AT + "6:22: unknown retry setting 'retries' on step a: allowed are attempts, "
                            + "backoffMs and timeoutMs");
        }

        @Test
        void timeoutInSecondsIsAnUnknownKey() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: timeout=30s", "a --> [*]")))
                    .containsExactly(AT + "6:10: unknown retry setting 'timeout' on step a: allowed are attempts, "
                            + "backoffMs and timeoutMs");
        }

        @Test
        void timeoutGivenTwice() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: timeoutMs=100<br>timeoutMs=200",
                    "a --> [*]"))).containsExactly(AT + "6:27: retry setting timeoutMs of step a is given twice");
        }

        @Test
        void settingWithoutValueAndRepeatedSetting() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> a: attempts;backoffMs=1;backoffMs=2",
                    "a --> [*]"))).containsExactly(
                    AT + "6:10: retry setting 'attempts' of step a has no value: write key=value, e.g. attempts=3",
                    AT + "6:31: retry setting backoffMs of step a is given twice");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "attempts=3\\nbackoffMs=500",
            "attempts=3<br>backoffMs=500",
            "attempts=3<br/>backoffMs=500",
            "attempts=3 <br /> backoffMs=500",
            "attempts=3, backoffMs=500",
            "attempts=3;backoffMs=500",
            "backoffMs=500\\nattempts=3",
        })
        void everySeparatorIsAccepted(String label) {
            CompilationResult result = new DiagramCompiler().compile(
                    Diagrams.body("[*] --> a", "a --> a: " + label, "a --> [*]"));

            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.baseClass().orElseThrow().content()).contains("RetryPolicy.of(3, 500)");
        }

        @Test
        void unsetSettingsTakeTheDefaults() {
            String code = new DiagramCompiler().compile(Diagrams.body("[*] --> a", "a --> a: backoffMs=20",
                    "a --> [*]")).baseClass().orElseThrow().content();

            assertThat(code).contains("RetryPolicy.of(1, 20)");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "attempts=3\\nbackoffMs=500\\ntimeoutMs=30000",
            "timeoutMs=30000<br/>attempts=3<br/>backoffMs=500",
            "attempts=3, backoffMs=500; timeoutMs = 30000",
        })
        void timeoutBecomesTheThirdArgument(String label) {
            CompilationResult result = new DiagramCompiler().compile(
                    Diagrams.body("[*] --> a", "a --> a: " + label, "a --> [*]"));

            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.baseClass().orElseThrow().content()).contains("RetryPolicy.of(3, 500, 30000)");
        }

        @Test
        void timeoutAloneKeepsOneAttemptAndTheDefaultBackoff() {
            CompilationResult result = new DiagramCompiler().compile(
                    Diagrams.body("[*] --> a", "a --> a: timeoutMs=45000", "a --> [*]"));

            assertThat(result.diagnostics()).isEmpty();
            assertThat(result.baseClass().orElseThrow().content()).contains("RetryPolicy.of(1, 1000, 45000)");
        }

        @Test
        void timeoutBeyondIntIsALongLiteral() {
            String code = new DiagramCompiler().compile(Diagrams.body("[*] --> a", "a --> a: timeoutMs=86400000000",
                    "a --> [*]")).baseClass().orElseThrow().content();

            assertThat(code).contains("RetryPolicy.of(1, 1000, 86400000000L)");
        }
    }

    @Nested
    class Graph {

        @Test
        void cycleIsPrintedAsItsPath() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> b", "b --> c", "c --> a"))).containsExactly(
                    AT + "8:1: cycle: a --> b --> c --> a; a workflow must be acyclic (to retry a step, give it a "
                            + "self-arrow with attempts=…)");
        }

        @Test
        void cycleThroughDecision() {
            assertThat(Diagrams.problems(Diagrams.body("state c <<choice>>", "[*] --> a", "a --> c",
                    "c --> a: again", "c --> [*]: stop"))).containsExactly(
                    AT + "8:1: cycle: a --> c --> a; a workflow must be acyclic (to retry a step, give it a self-arrow "
                            + "with attempts=…)");
        }

        @Test
        void unreachableState() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a", "a --> [*]", "b --> [*]"))).containsExactly(
                    AT + "7:1: state b is not reachable from [*]: connect an arrow to it or remove it");
        }
    }

    @Nested
    class Names {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1st      | state name '1st' cannot become a Java identifier: start it with a letter and use letters, digits, '-', '_' or spaces",
            "a.b      | state name 'a.b' cannot become a Java identifier: start it with a letter and use letters, digits, '-', '_' or spaces",
            "a$b      | state name 'a$b' cannot become a Java identifier: start it with a letter and use letters, digits, '-', '_' or spaces",
            "Default  | state Default becomes the Java name 'default', which is a Java keyword: rename the state",
            "for      | state for becomes the Java name 'for', which is a Java keyword: rename the state",
            "null     | state null becomes the Java name 'null', which is a Java keyword: rename the state",
            "yield    | state yield becomes the Java name 'yield', which is a Java keyword: rename the state",
            "submit   | state submit becomes the Java name 'submit', which clashes with a member of the generated base class: rename the state",
            "get-class | state get-class becomes the Java name 'getClass', which clashes with a member of the generated base class: rename the state",
            "DEFINITION | state DEFINITION becomes the Java name 'dEFINITION', which is fine",
            "execute_step | state execute_step becomes the Java name 'executeStep', which clashes with a member of the generated base class: rename the state",
        })
        void stateNamesMustBecomeUsableJavaNames(String name, String message) {
            List<String> problems = Diagrams.problems(Diagrams.body("[*] --> " + name, name + " --> [*]"));

            if (message.endsWith("which is fine")) {
                assertThat(problems).isEmpty();
            } else {
                assertThat(problems).containsExactly(AT + "5:9: " + message);
            }
        }

        @Test
        void namesCollidingAfterConversion() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> my-task", "my-task --> myTask", "myTask --> my_task",
                    "my_task --> [*]"))).containsExactly(
                    AT + "6:13: states my-task (line 5) and myTask both become the Java name 'myTask': rename one of them",
                    AT + "7:12: states my-task (line 5) and my_task both become the Java name 'myTask': rename one of them");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "2fa check | title '2fa check' cannot become a Java class name: start it with a letter and use letters, digits and spaces (e.g. 'order fulfillment')",
            "!!!       | title '!!!' cannot become a Java class name: start it with a letter and use letters, digits and spaces (e.g. 'order fulfillment')",
            "workflow  | title 'workflow' becomes the class WorkflowBase, which clashes with io.gamgee.core.WorkflowBase: name the workflow (e.g. 'order fulfillment')",
        })
        void titlesMustBecomeUsableClassNames(String title, String message) {
            assertThat(Diagrams.problems(Diagrams.lines("---", "title: " + title, "---", "stateDiagram-v2",
                    "[*] --> a", "a --> [*]"))).containsExactly(AT + "2:8: " + message);
        }

        @Test
        void packageFromAFolderThatIsNoJavaPackage() {
            DiagramSource source = new DiagramSource("flows/my-flows/a.mermaid", "my-flows/a.mermaid", "my-flows",
                    "---\ntitle: A\n---\nstateDiagram-v2\n[*] --> a\na --> [*]\n");

            assertThat(Diagrams.problems(source)).containsExactly("flows/my-flows/a.mermaid:1:1: the diagram's folder "
                    + "gives the Java package 'my-flows', which is not a valid package name: rename the folder");
        }
    }

    @Nested
    class Escaping {

        @TempDir
        Path classes;

        @Test
        void hostileTitleAndPathNeverBreakTheGeneratedSource() {
            String hostile = "com/ex*/ample/\\u0022 @see {@code x} <b>&amp;\".mermaid";
            DiagramSource source = new DiagramSource(hostile, hostile, "com.example",
                    "---\ntitle: 'evil */ \"x\" \\u000a { workflow'\n---\nstateDiagram-v2\n[*] --> a\na --> [*]\n");
            GeneratedFile base = new DiagramCompiler().compile(source).baseClass().orElseThrow();

            JavaSources.Result result = JavaSources.compile(List.of(JavaSources.Source.of(base),
                    new JavaSources.Source("com/example/APayload.java", "package com.example; public record APayload() {}")),
                    classes);

            assertThat(base.simpleName()).isEqualTo("EvilXU000aWorkflowBase");
            assertThat(result.success()).as(result.errors()).isTrue();
            assertThat(base.content()).contains(".source(\"com/ex*/ample/\\\\u0022 @see {@code x} <b>&amp;\\\".mermaid\")");
        }
    }
}
