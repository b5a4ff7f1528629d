package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code <<fork>>} and {@code <<join>>}: the exact message a user sees and where it
 * points, and that a mistake is reported once, without the errors that only follow from it.
 */
class ForkJoinTest {

    private static final String AT = "src/main/mermaid/com/example/test.mermaid:";

    /** Lines 5 to 8: a fork {@code split} and a join {@code merge} after step {@code prepare}; the rest follows. */
    private static List<String> problems(String... rest) {
        List<String> body = new ArrayList<>(List.of(
                "state split <<fork>>", "state merge <<join>>", "[*] --> prepare", "prepare --> split"));
        body.addAll(List.of(rest));
        return Diagrams.problems(Diagrams.body(body.toArray(String[]::new)));
    }

    @Test
    void aForkWithBranchesOfSeveralStepsAndRetriesIsValid() {
        assertThat(problems("split --> a", "split --> b", "b --> b: attempts=3", "a --> merge", "b --> c",
                "c --> merge", "merge --> d", "d --> [*]")).isEmpty();
    }

    @Test
    void aJoinMayEndTheWorkflowAndDecisionsMayComeBeforeAndAfter() {
        assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>",
                "state first <<choice>>", "state then <<choice>>", "[*] --> p", "p --> first", "first --> q: go",
                "first --> [*]: stop", "q --> split", "split --> a", "split --> b", "a --> merge", "b --> merge",
                "merge --> r", "r --> then", "then --> [*]: done", "then --> s: more", "s --> [*]"))).isEmpty();
    }

    @Nested
    class Forks {

        @Test
        void forkWithoutAJoin() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "[*] --> prepare", "prepare --> split",
                    "split --> a", "split --> b", "a --> [*]", "b --> [*]"))).containsExactly(
                    AT + "5:1: fork split has no join: lead the last step of each of its branches to one <<join>> "
                            + "state ('state <name> <<join>>')");
        }

        @Test
        void forkWhoseBranchesMeetAtAStepInsteadOfAJoin() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "[*] --> prepare", "prepare --> split",
                    "split --> a", "split --> b", "a --> meet", "b --> meet", "meet --> [*]"))).containsExactly(
                    AT + "5:1: fork split has no join: lead the last step of each of its branches to one <<join>> "
                            + "state ('state <name> <<join>>')");
        }

        @Test
        void forkWithOneBranch() {
            assertThat(problems("split --> a", "a --> merge", "merge --> [*]")).containsExactly(
                    AT + "5:1: fork split has only one branch: a fork starts at least two; for one, lead the step "
                            + "before it straight to the branch's first step");
        }

        @Test
        void forkWithoutBranches() {
            assertThat(problems("merge --> [*]")).contains(
                    AT + "5:1: fork split has no branches: add an arrow from it to the first step of each branch");
        }

        @Test
        void branchesEndingAtDifferentJoins() {
            assertThat(problems("state other <<join>>", "split --> a", "split --> b", "a --> merge", "b --> other",
                    "merge --> [*]", "other --> [*]")).containsExactly(
                    AT + "13:1: the branches of fork split end at different joins, merge (line 12) and other: every "
                            + "branch of a fork ends at the same join");
        }

        @Test
        void forkWithARetrySelfArrow() {
            assertThat(problems("split --> split: attempts=2", "split --> a", "split --> b", "a --> merge",
                    "b --> merge", "merge --> [*]")).containsExactly(
                    AT + "9:1: fork split leads to itself: a fork starts branches; retries belong on steps");
        }

        @Test
        void forkLeadingStraightToItsJoin() {
            assertThat(problems("split --> a", "split --> merge", "a --> merge", "merge --> [*]")).containsExactly(
                    AT + "10:1: fork split leads straight to join merge: a branch has at least one step; put a step "
                            + "between them");
        }

        @Test
        void forkLeadingToTheEnd() {
            assertThat(problems("split --> a", "split --> [*]", "a --> merge", "merge --> [*]")).containsExactly(
                    AT + "10:1: fork split leads to [*]: each branch of a fork is a chain of steps ending at its join");
        }

        @Test
        void workflowStartingAtAFork() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> split",
                    "split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]"))).containsExactly(
                    AT + "7:9: the workflow starts at fork split: lead [*] to a step, which then leads to the fork");
        }

        @Test
        void forkWithTwoIncomingArrows() {
            assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "state split <<fork>>",
                    "state merge <<join>>", "[*] --> p", "p --> route", "route --> x: one", "route --> y: two",
                    "x --> split", "y --> split", "split --> a", "split --> b", "a --> merge", "b --> merge",
                    "merge --> [*]"))).containsExactly(AT + "13:1: fork split has more than one incoming arrow (the "
                    + "first is at line 12): a fork follows exactly one step");
        }

        @Test
        void decisionBranchLeadingToAForkIsNotSupportedYet() {
            assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "state split <<fork>>",
                    "state merge <<join>>", "[*] --> p", "p --> route", "route --> split: go", "route --> [*]: stop",
                    "split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]"))).containsExactly(
                    AT + "10:1: decision route leads to fork split: a decision branch leading to a fork or a join is "
                            + "not supported yet; put a step between them");
        }

        @Test
        void forkLeadingTwiceToOneStep() {
            assertThat(problems("split --> a", "split --> a", "a --> merge", "merge --> [*]")).containsExactly(
                    AT + "10:1: fork split leads to step a, which is already in another branch of this fork (line 9): "
                            + "each branch starts at a step of its own");
        }
    }

    @Nested
    class Branches {

        @Test
        void branchLeavingForTheEnd() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> [*]", "merge --> [*]"))
                    .containsExactly(AT + "12:1: step b, in a branch of fork split, leads to [*]: a branch ends at its "
                            + "fork's join (merge)");
        }

        @Test
        void branchLeavingForAStepOutsideIt() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> ship", "merge --> ship",
                    "ship --> [*]")).containsExactly(AT + "12:1: step b, in a branch of fork split, leads to ship, "
                    + "which is outside the branch (join merge leads to it at line 13): a branch ends at its fork's "
                    + "join (merge)");
        }

        @Test
        void arrowEnteringABranchFromOutside() {
            assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "state split <<fork>>",
                    "state merge <<join>>", "[*] --> p", "p --> route", "route --> x: full", "route --> c: quick",
                    "x --> split", "split --> a", "split --> b", "a --> merge", "b --> c", "c --> merge",
                    "merge --> [*]"))).containsExactly(AT + "11:1: decision route leads into step c, which is in a "
                    + "branch of fork split: a branch is entered only from its fork");
        }

        @Test
        void twoBranchesMeetingBeforeTheJoin() {
            assertThat(problems("split --> a", "split --> b", "a --> c", "b --> c", "c --> merge", "merge --> [*]"))
                    .containsExactly(AT + "12:1: step b leads into step c, which is in a branch of fork split: a branch "
                            + "is entered only from its fork");
        }

        @Test
        void startArrowIntoABranch() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> a",
                    "p --> split", "split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]")))
                    .contains(AT + "7:1: [*] leads into step a, which is in a branch of fork split: a branch is "
                            + "entered only from its fork");
        }

        @Test
        void decisionInsideABranchIsNotSupportedYetAndWhatFollowsItIsNotChecked() {
            assertThat(problems("state route <<choice>>", "split --> a", "split --> b", "a --> route",
                    "route --> c: left", "route --> merge: right", "c --> merge", "b --> merge", "merge --> [*]"))
                    .containsExactly(AT + "12:1: step a, in a branch of fork split, leads to decision route: a decision "
                            + "inside a fork's branch is not supported yet; decide after the join");
        }

        @Test
        void forkInsideABranchIsNotSupportedYetAndWhatFollowsItIsNotChecked() {
            assertThat(problems("state inner <<fork>>", "state innerJoin <<join>>", "split --> a", "split --> b",
                    "a --> inner", "inner --> c", "inner --> d", "c --> innerJoin", "d --> innerJoin",
                    "innerJoin --> e", "e --> merge", "b --> merge", "merge --> [*]")).containsExactly(
                    AT + "13:1: step a, in a branch of fork split, leads to fork inner: a fork inside another fork's "
                            + "branch is not supported yet");
        }

        @Test
        void forkStraightIntoAnotherForkIsNotSupportedYet() {
            assertThat(problems("state inner <<fork>>", "split --> inner", "split --> b", "inner --> c",
                    "inner --> d", "c --> merge", "d --> merge", "b --> merge", "merge --> [*]")).contains(
                    AT + "10:1: fork split leads to fork inner: a fork inside another fork's branch is not supported "
                            + "yet");
        }

        @Test
        void cycleInsideABranchIsReportedAsACycleOnly() {
            assertThat(problems("split --> a", "split --> b", "a --> c", "c --> a", "b --> merge", "merge --> [*]"))
                    .containsExactly(AT + "12:1: cycle: a --> c --> a; a workflow must be acyclic (to retry a step, "
                            + "give it a self-arrow with attempts=…)");
        }

        @Test
        void cycleThroughTheJoinIsReportedAsACycleOnly() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> prepare"))
                    .containsExactly(AT + "13:1: cycle: prepare --> split --> a --> merge --> prepare; a workflow must "
                            + "be acyclic (to retry a step, give it a self-arrow with attempts=…)");
        }

        @Test
        void unreachableForkAndItsBranches() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> p",
                    "p --> [*]", "q --> split", "split --> a", "split --> b", "a --> merge", "b --> merge",
                    "merge --> [*]"))).containsExactly(
                    AT + "5:1: state split is not reachable from [*]: connect an arrow to it or remove it",
                    AT + "6:1: state merge is not reachable from [*]: connect an arrow to it or remove it",
                    AT + "9:1: state q is not reachable from [*]: connect an arrow to it or remove it",
                    AT + "10:11: state a is not reachable from [*]: connect an arrow to it or remove it",
                    AT + "11:11: state b is not reachable from [*]: connect an arrow to it or remove it");
        }
    }

    @Nested
    class Joins {

        @Test
        void joinWithoutOutgoingArrow() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> merge")).containsExactly(
                    AT + "6:1: join merge has no outgoing arrow: connect it to the next step or to [*] "
                            + "('merge --> [*]')");
        }

        @Test
        void joinWithTwoOutgoingArrows() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> c",
                    "merge --> [*]", "c --> [*]")).containsExactly(AT + "14:1: join merge has more than one outgoing "
                    + "arrow (the first is at line 13): a join leads to exactly one step or [*]");
        }

        @Test
        void joinWithARetrySelfArrow() {
            assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> merge",
                    "merge --> merge: attempts=3", "merge --> [*]")).containsExactly(
                    AT + "13:1: join merge leads to itself: a join merges once; retries belong on steps");
        }

        @Test
        void workflowStartingAtAJoin() {
            assertThat(Diagrams.problems(Diagrams.body("state merge <<join>>", "[*] --> merge", "merge --> a",
                    "a --> [*]"))).containsExactly(AT + "6:9: the workflow starts at join merge: a join is reached only "
                    + "from the last steps of its fork's branches");
        }

        @Test
        void joinReachedFromTwoForks() {
            assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "state f1 <<fork>>",
                    "state f2 <<fork>>", "state j <<join>>", "[*] --> p", "p --> route", "route --> x: one",
                    "route --> y: two", "x --> f1", "y --> f2", "f1 --> a", "f1 --> b", "f2 --> c", "f2 --> d",
                    "a --> j", "b --> j", "c --> j", "d --> j", "j --> [*]"))).containsExactly(
                    AT + "21:1: join j is reached from fork f1 (line 19) and from fork f2: every fork has a join of "
                            + "its own");
        }

        @Test
        void joinLeadingToADecisionIsNotSupportedYet() {
            assertThat(problems("state route <<choice>>", "split --> a", "split --> b", "a --> merge", "b --> merge",
                    "merge --> route", "route --> c: go", "route --> [*]: stop", "c --> [*]")).containsExactly(
                    AT + "14:1: join merge leads to decision route: a join leading to a decision, fork or join is not "
                            + "supported yet; put a step between them");
        }

        @Test
        void joinLeadingToAForkIsNotSupportedYet() {
            assertThat(problems("state again <<fork>>", "state end <<join>>", "split --> a", "split --> b",
                    "a --> merge", "b --> merge", "merge --> again", "again --> c", "again --> d", "c --> end",
                    "d --> end", "end --> [*]")).containsExactly(
                    AT + "15:1: join merge leads to fork again: a join leading to a decision, fork or join is not "
                            + "supported yet; put a step between them");
        }

        @Test
        void decisionBranchLeadingToAJoinIsNotSupportedYet() {
            assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "state merge <<join>>", "[*] --> p",
                    "p --> route", "route --> merge: go", "route --> [*]: stop", "merge --> [*]"))).contains(
                    AT + "9:1: decision route leads to join merge: a decision branch leading to a fork or a join is "
                            + "not supported yet; put a step between them");
        }

        @Test
        void stepOutsideABranchLeadingToAJoin() {
            assertThat(Diagrams.problems(Diagrams.body("state merge <<join>>", "[*] --> p", "p --> merge",
                    "merge --> [*]"))).containsExactly(AT + "7:1: step p leads to join merge but is in no branch of a "
                    + "fork: a join is reached only from the last steps of its fork's branches");
        }
    }

    @Nested
    class Names {

        @Test
        void joinAndStepBecomingTheSameJavaName() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state a <<join>>", "[*] --> p",
                    "p --> split", "split --> A", "split --> b", "A --> a", "b --> a", "a --> [*]"))).containsExactly(
                    AT + "9:11: states a (line 6) and A both become the Java name 'a': rename one of them");
        }

        @Test
        void joinNamedLikeAMemberOfTheBase() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state execute-join <<join>>",
                    "[*] --> p", "p --> split", "split --> a", "split --> b", "a --> execute-join",
                    "b --> execute-join", "execute-join --> [*]"))).containsExactly(
                    AT + "6:1: state execute-join becomes the Java name 'executeJoin', which clashes with a member of "
                            + "the generated base class: rename the state");
        }

        @Test
        void forkWhoseNestedClassHidesAJavaLangClass() {
            assertThat(Diagrams.problems(Diagrams.body("state override <<fork>>", "state merge <<join>>", "[*] --> p",
                    "p --> override", "override --> a", "override --> b", "a --> merge", "b --> merge",
                    "merge --> [*]"))).containsExactly(AT + "5:1: fork override becomes the nested class Override, "
                    + "which clashes with java.lang.Override: rename the fork");
        }

        @Test
        void forkWhoseNestedClassHidesAPayloadType() {
            assertThat(Diagrams.problems(Diagrams.body("state a-payload <<fork>>", "state merge <<join>>",
                    "[*] --> p", "p --> a-payload", "a-payload --> a", "a-payload --> b", "a --> merge",
                    "b --> merge", "merge --> [*]"))).containsExactly(AT + "5:1: fork a-payload becomes the nested "
                    + "class APayload, which clashes with the payload type of step a: rename the fork");
        }

        @Test
        void forkWhoseNestedClassesClashWithADecisionsAndAnotherForks() {
            List<String> problems = Diagrams.problems(Diagrams.body("state route <<choice>>",
                    "state route-decision <<fork>>", "state x <<fork>>", "state x-fork <<fork>>"));

            assertThat(problems).contains(
                    AT + "6:1: fork route-decision becomes the nested class RouteDecision, which clashes with the "
                            + "nested class of decision route (line 5): rename the fork",
                    AT + "8:1: fork x-fork becomes the nested class XFork, which clashes with the nested class of "
                            + "fork x (line 7): rename the fork");
        }
    }

    @Nested
    class UnreadableLines {

        @Test
        void aMisspeltForkIsTheOnlyError() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<forc>>", "state merge <<join>>", "[*] --> p",
                    "p --> split", "split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]")))
                    .containsExactly(AT + "5:13: unknown state type '<<forc>>' for state split: use <<choice>>, "
                            + "<<fork>> or <<join>>");
        }

        @Test
        void anUnreadableArrowFromTheForkIsTheOnlyError() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> p",
                    "p --> split", "split -> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]")))
                    .containsExactly(AT + "9:1: cannot read 'split -> a': write the arrow as 'split --> a'");
        }
    }

    @Test
    void compositeStatesStayNotSupported() {
        assertThat(problems("split --> a", "split --> b", "a --> merge", "b --> merge", "merge --> [*]",
                "state x {", "}")).containsExactly(AT + "14:1: composite state x ('state x { … }') is not supported "
                + "yet: draw its states at the top level");
    }
}
