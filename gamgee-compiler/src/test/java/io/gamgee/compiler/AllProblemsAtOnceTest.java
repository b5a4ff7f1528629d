package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One diagram with a problem of every class: all are reported in one run, in file order. */
class AllProblemsAtOnceTest {

    private static final String AT = "src/main/mermaid/com/example/test.mermaid:";

    @Test
    void everyProblemIsReportedInOneRun() {
        DiagramSource source = Diagrams.lines(
                /* 1 */ "---",
                /* 2 */ "config:",
                /* 3 */ "---",
                /* 4 */ "stateDiagram-v2",
                /* 5 */ "state c <<choice>>",
                /* 6 */ "state f <<fork>>",
                /* 7 */ "[*] --> a",
                /* 8 */ "[*] --> b",
                /* 9 */ "a --> c",
                /* 10 */ "a --> d",
                /* 11 */ "c --> c: again",
                /* 12 */ "c --> e",
                /* 13 */ "c --> 1st: go",
                /* 14 */ "b --> b: tries=2",
                /* 15 */ "b --> e",
                /* 16 */ "e --> b",
                /* 17 */ "lost --> [*]",
                /* 18 */ "this is not mermaid",
                /* 19 */ "1st --> [*]");

        assertThat(Diagrams.problems(source)).containsExactly(
                AT + "1:1: front matter has no title: add 'title: <workflow name>'",
                AT + "6:1: fork f has no branches: add an arrow from it to the first step of each branch",
                AT + "6:1: state f is not reachable from [*]: connect an arrow to it or remove it",
                AT + "8:1: more than one arrow from [*] (the first is at line 7): a workflow has exactly one first step",
                AT + "10:1: step a has more than one outgoing arrow (the first is at line 9): a step leads to exactly "
                        + "one state; add a <<choice>> state after it to branch",
                AT + "10:7: step d has no outgoing arrow: connect it to [*] explicitly ('d --> [*]') or to the next "
                        + "state",
                AT + "11:1: decision c leads to itself: a branch leads to a step or [*]; retries belong on steps",
                AT + "12:1: arrow from decision c to e has no label: label it with the branch method's name "
                        + "('c --> e: goToE')",
                AT + "13:7: state name '1st' cannot become a Java identifier: start it with a letter and use letters, "
                        + "digits, '-', '_' or spaces",
                AT + "14:10: unknown retry setting 'tries' on step b: allowed are attempts, backoffMs "
                        + "and timeoutMs",
                AT + "15:1: cycle: e --> b --> e; a workflow must be acyclic (to retry a step, give it a self-arrow "
                        + "with attempts=…)",
                AT + "17:1: state lost is not reachable from [*]: connect an arrow to it or remove it",
                AT + "18:1: cannot read 'this is not mermaid': expected an arrow ('a --> b'), a state "
                        + "('state c <<choice>>'), a description ('a : text'), a note, a comment ('%%') or a styling "
                        + "line");
    }

    @Test
    void everyProblemOfAForkIsReportedInOneRunAndNothingThatOnlyFollowsFromThem() {
        DiagramSource source = Diagrams.lines(
                /* 1 */ "---",
                /* 2 */ "title: fork problems",
                /* 3 */ "---",
                /* 4 */ "stateDiagram-v2",
                /* 5 */ "state split <<fork>>",
                /* 6 */ "state merge <<join>>",
                /* 7 */ "state route <<choice>>",
                /* 8 */ "[*] --> prepare",
                /* 9 */ "prepare --> split",
                /* 10 */ "split --> split: attempts=2",
                /* 11 */ "split --> a",
                /* 12 */ "split --> b",
                /* 13 */ "split --> c",
                /* 14 */ "a --> route",
                /* 15 */ "route --> merge: done",
                /* 16 */ "route --> [*]: stop",
                /* 17 */ "b --> [*]",
                /* 18 */ "c --> merge",
                /* 19 */ "merge --> ship",
                /* 20 */ "merge --> [*]",
                /* 21 */ "ship --> [*]",
                /* 22 */ "x --> c");

        assertThat(Diagrams.problems(source)).containsExactly(
                AT + "10:1: fork split leads to itself: a fork starts branches; retries belong on steps",
                AT + "14:1: step a, in a branch of fork split, leads to decision route: a decision inside a fork's "
                        + "branch is not supported yet; decide after the join",
                AT + "17:1: step b, in a branch of fork split, leads to [*]: a branch ends at its fork's join (merge)",
                AT + "20:1: join merge has more than one outgoing arrow (the first is at line 19): a join leads to "
                        + "exactly one step or [*]",
                AT + "22:1: step x leads into step c, which is in a branch of fork split: a branch is entered only "
                        + "from its fork",
                AT + "22:1: state x is not reachable from [*]: connect an arrow to it or remove it");
    }
}
