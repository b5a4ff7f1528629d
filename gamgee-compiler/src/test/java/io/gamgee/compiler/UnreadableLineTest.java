package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A line the compiler cannot read is reported, and the errors that only follow from it (a state it
 * connects reported unreachable, a step it leads out of reported without an outgoing arrow) are not:
 * the first error a user reads is the cause. Problems elsewhere in the file are still reported.
 */
class UnreadableLineTest {

    private static final String AT = "src/main/mermaid/com/example/test.mermaid:";
    private static final String EXPECTED = ": expected an arrow ('a --> b'), a state ('state c <<choice>>'), a "
            + "description ('a : text'), a note, a comment ('%%') or a styling line";

    /** Order intake with a decision; line 8 is {@code validate --> isValid}, or what replaces it. */
    private static DiagramSource intake(String line8) {
        return intake(line8, "    state isValid <<choice>>", "    [*] --> receive");
    }

    private static DiagramSource intake(String line8, String line5, String line6) {
        return Diagrams.lines(
                /* 1 */ "---",
                /* 2 */ "title: order intake",
                /* 3 */ "---",
                /* 4 */ "stateDiagram-v2",
                /* 5 */ line5,
                /* 6 */ line6,
                /* 7 */ "    receive --> validate",
                /* 8 */ line8,
                /* 9 */ "    isValid --> accept: valid",
                /* 10 */ "    isValid --> reject: invalid",
                /* 11 */ "    accept --> ship",
                /* 12 */ "    reject --> [*]",
                /* 13 */ "    ship --> [*]");
    }

    @Test
    void theDiagramIsValidWithTheArrowWrittenRight() {
        assertThat(Diagrams.problems(intake("    validate --> isValid"))).isEmpty();
    }

    /** Once six errors, the real one third, after "isValid is not reachable" and "validate has no outgoing arrow". */
    @Test
    void aTypoInAnArrowIsTheOnlyError() {
        assertThat(Diagrams.problems(intake("    validate -> isValid"))).containsExactly(
                AT + "8:5: cannot read 'validate -> isValid': write the arrow as 'validate --> isValid'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            validate->isValid           | validate --> isValid
            validate => isValid         | validate --> isValid
            validate \u2014> isValid    | validate --> isValid
            validate ---> isValid       | validate --> isValid
            validate -> isValid : check | validate --> isValid: check
            """)
    void otherArrowTyposSuggestTheArrow(String typo, String arrow) {
        assertThat(Diagrams.problems(intake("    " + typo))).containsExactly(
                AT + "8:5: cannot read '" + typo + "': write the arrow as '" + arrow + "'");
    }

    @Test
    void aChainOfArrowsIsTheOnlyError() {
        assertThat(Diagrams.problems(intake("    validate --> isValid --> accept"))).containsExactly(
                AT + "8:5: cannot read 'validate --> isValid --> accept'" + EXPECTED);
    }

    @Test
    void aTypoInTheArrowFromStartIsTheOnlyError() {
        // once also "no arrow from [*]", located at the header, so printed first
        assertThat(Diagrams.problems(intake("    validate --> isValid", "    state isValid <<choice>>",
                "    [*] -> receive"))).containsExactly(
                AT + "6:5: cannot read '[*] -> receive': write the arrow as '[*] --> receive'");
    }

    /** Once also "step isValid has more than one outgoing arrow": read as a step, the decision has two. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            state isValid <<choise>> | 5:19: unknown state type '<<choise>>' for state isValid: use <<choice>>, <<fork>> or <<join>>
            state isValid <<choice>  | 5:19: cannot read '<<choice>' after state isValid: expected <<choice>>, <<fork>> or <<join>>
            stat isValid <<choice>>  | 5:5: cannot read 'stat isValid <<choice>>'
            """)
    void aMisspeltDeclarationOfTheDecisionIsTheOnlyError(String declaration, String message) {
        String expected = message.endsWith("'") ? message + EXPECTED : message;
        assertThat(Diagrams.problems(intake("    validate --> isValid", "    " + declaration, "    [*] --> receive")))
                .containsExactly(AT + expected);
    }

    @Test
    void aBranchWithoutItsColonIsTheOnlyProblem() {
        // once also "state accept is not reachable", the same for ship, and "decision isValid has only one branch"
        DiagramSource source = Diagrams.lines(
                "---", "title: order intake", "---", "stateDiagram-v2",
                /* 5 */ "    state isValid <<choice>>",
                /* 6 */ "    [*] --> validate",
                /* 7 */ "    validate --> isValid",
                /* 8 */ "    isValid --> accept valid",
                /* 9 */ "    isValid --> [*]: invalid",
                /* 10 */ "    accept --> ship",
                /* 11 */ "    ship --> [*]");

        assertThat(Diagrams.problems(source)).containsExactly(AT + "8:5: cannot read 'isValid --> accept valid'"
                + EXPECTED);
    }

    @Test
    void problemsTheLineCannotExplainAreStillReported() {
        DiagramSource source = Diagrams.lines(
                /* 1 */ "---",
                /* 2 */ "title: order intake",
                /* 3 */ "---",
                /* 4 */ "stateDiagram-v2",
                /* 5 */ "    state isValid <<choice>>",
                /* 6 */ "    [*] --> receive",
                /* 7 */ "    receive --> new",
                /* 8 */ "    new -> isValid",
                /* 9 */ "    isValid --> accept: valid",
                /* 10 */ "    isValid --> reject: invalid",
                /* 11 */ "    accept --> ship",
                /* 12 */ "    accept --> archive",
                /* 13 */ "    reject --> done",
                /* 14 */ "    ship --> [*]",
                /* 15 */ "    archive --> [*]",
                /* 16 */ "    lost --> [*]");

        assertThat(Diagrams.problems(source)).containsExactly(
                AT + "7:17: state new becomes the Java name 'new', which is a Java keyword: rename the state",
                AT + "8:5: cannot read 'new -> isValid': write the arrow as 'new --> isValid'",
                AT + "12:5: step accept has more than one outgoing arrow (the first is at line 11): a step leads to "
                        + "exactly one state; add a <<choice>> state after it to branch",
                AT + "13:16: step done has no outgoing arrow: connect it to [*] explicitly ('done --> [*]') or to "
                        + "the next state",
                AT + "16:5: state lost is not reachable from [*]: connect an arrow to it or remove it");
    }
}
