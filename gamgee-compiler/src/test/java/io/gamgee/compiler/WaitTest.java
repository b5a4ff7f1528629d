package io.gamgee.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of waits ({@code <<choice>>} states labelled {@code on <event>} and {@code after
 * <duration>}) and delays ({@code a --> b: after 10m}): the exact message a user sees and where it
 * points, and that a mistake is reported once, without the errors that only follow from it.
 */
class WaitTest {

    private static final String AT = "src/main/mermaid/com/example/test.mermaid:";

    /** Lines 5 to 7: a wait {@code paid} after step {@code request}; the rest follows from line 8. */
    private static List<String> problems(String... rest) {
        List<String> body = new ArrayList<>(List.of("state paid <<choice>>", "[*] --> request", "request --> paid"));
        body.addAll(List.of(rest));
        return Diagrams.problems(Diagrams.body(body.toArray(String[]::new)));
    }

    @Test
    void thePaymentDiagramIsValid() {
        assertThat(Diagrams.problems(Diagrams.resource("payment.mermaid"))).isEmpty();
    }

    @Test
    void waitsWithOnlyEventsOrOnlyATimerEventsToTheEndAndSharedEventsAreValid() {
        assertThat(Diagrams.problems(Diagrams.body("state first <<choice>>", "state second <<choice>>",
                "state route <<choice>>", "[*] --> a", "a --> route", "route --> b: left", "route --> c: right",
                "b --> first", "c --> first", "first --> d: on ready", "first --> [*]: on cancelled",
                "d --> second", "second --> e: after PT10M", "e --> third", "state third <<choice>>",
                "third --> f: on later", "third --> [*]: on cancelled", "f --> [*]"))).isEmpty();
    }

    @Test
    void labelsOnAndAfterAloneAreStillBranchMethodsAndOtherLabelsOnStepArrowsStillDescribeThem() {
        assertThat(Diagrams.problems(Diagrams.body("state route <<choice>>", "[*] --> a", "a --> route",
                "route --> b: on", "route --> c: after", "b --> c: once paid", "c --> [*]: done"))).isEmpty();
    }

    @Nested
    class Labels {

        @Test
        void decisionLabelsMixedWithEvents() {
            assertThat(problems("paid --> ship: on captured", "paid --> cancel: chooseCancel", "ship --> [*]",
                    "cancel --> [*]")).containsExactly(AT + "9:18: branch label 'chooseCancel' of wait paid is neither "
                    + "'on <event>' nor 'after <duration>': a <<choice>> is either a decision (every label a branch "
                    + "method) or a wait (every label 'on <event>' or 'after <duration>')");
        }

        @Test
        void unlabelledBranch() {
            assertThat(problems("paid --> ship: on captured", "paid --> cancel", "ship --> [*]", "cancel --> [*]"))
                    .containsExactly(AT + "9:1: arrow from wait paid to cancel has no label: label it 'on <event>' "
                            + "or 'after <duration>' ('paid --> cancel: on cancelReady')");
        }

        @Test
        void twoTimers() {
            assertThat(problems("paid --> ship: after 1h", "paid --> cancel: after 2h", "ship --> [*]",
                    "cancel --> [*]")).containsExactly(AT + "9:18: wait paid has more than one timer (the first is "
                    + "at line 8): a wait has at most one 'after <duration>' branch");
        }

        @Test
        void oneEventOnTwoBranches() {
            assertThat(problems("paid --> ship: on captured", "paid --> cancel: on captured", "ship --> [*]",
                    "cancel --> [*]")).containsExactly(AT + "9:21: wait paid has two branches on event captured (the "
                    + "first at line 8): each event chooses one branch");
        }

        @Test
        void eventNamesThatCannotBeMethods() {
            assertThat(problems("paid --> ship: on payment-captured", "paid --> cancel: on class",
                    "paid --> other: on notify", "ship --> [*]", "cancel --> [*]", "other --> [*]")).containsExactly(
                    AT + "8:19: event name 'payment-captured' of wait paid is not a valid Java identifier: events "
                            + "become methods of the generated Events class; use a name like paymentCaptured",
                    AT + "9:21: event name 'class' of wait paid is not a valid Java identifier (it is a keyword): "
                            + "events become methods of the generated Events class; use a name like paymentCaptured",
                    AT + "10:20: event name 'notify' of wait paid clashes with a method of java.lang.Object: rename "
                            + "the event");
        }

        @Test
        void oneEventLeadingToDifferentStepsInTwoWaits() {
            assertThat(Diagrams.problems(Diagrams.body("state first <<choice>>", "state second <<choice>>",
                    "[*] --> a", "a --> first", "first --> b: on ready", "b --> second", "second --> c: on ready",
                    "c --> [*]"))).containsExactly(AT + "11:18: event ready of wait second leads to step c, but in "
                    + "wait first (line 9) it leads to step b: an event carries the payload of the step it leads to, "
                    + "so it leads to the same step in every wait; rename one of them");
        }

        @Test
        void retrySelfArrowOnAWait() {
            assertThat(problems("paid --> paid: attempts=3", "paid --> ship: on captured", "ship --> [*]"))
                    .containsExactly(AT + "8:1: wait paid leads to itself: a wait's branches lead to a step or [*]; "
                            + "retries belong on steps");
        }
    }

    @Nested
    class Targets {

        @Test
        void waitLeadingToADecisionAWaitAForkOrAJoin() {
            assertThat(problems("state route <<choice>>", "state other <<choice>>", "state split <<fork>>",
                    "state merge <<join>>", "paid --> route: on a", "paid --> other: on b", "paid --> split: on c",
                    "paid --> merge: after 1h", "route --> x: left", "route --> [*]: right", "other --> x: on d",
                    "split --> x", "split --> y", "x --> merge", "y --> merge", "merge --> [*]")).contains(
                    AT + "12:1: wait paid leads to decision route: a wait leading to a decision, a wait, a fork or a "
                            + "join is not supported yet; put a step between them",
                    AT + "13:1: wait paid leads to wait other: a wait leading to a decision, a wait, a fork or a join "
                            + "is not supported yet; put a step between them",
                    AT + "14:1: wait paid leads to fork split: a wait leading to a decision, a wait, a fork or a join "
                            + "is not supported yet; put a step between them",
                    AT + "15:1: wait paid leads to join merge: a wait leading to a decision, a wait, a fork or a join "
                            + "is not supported yet; put a step between them");
        }

        @Test
        void workflowStartingAtAWait() {
            assertThat(Diagrams.problems(Diagrams.body("state paid <<choice>>", "[*] --> paid",
                    "paid --> a: on captured", "a --> [*]"))).containsExactly(AT + "6:9: the workflow starts at wait "
                    + "paid: lead [*] to a step, which then leads to the wait");
        }

        @Test
        void decisionLeadingToAWait() {
            assertThat(problems("state route <<choice>>", "paid --> route: on captured", "route --> paid: again",
                    "route --> [*]: done")).contains(AT + "10:1: decision route leads to wait paid: a decision branch "
                    + "leading to a wait is not supported yet; put a step between them");
        }

        @Test
        void cycleThroughAWaitIsReportedAsACycleOnly() {
            assertThat(problems("paid --> request: on again", "paid --> [*]: on done")).containsExactly(
                    AT + "8:1: cycle: request --> paid --> request; a workflow must be acyclic (to retry a step, give "
                            + "it a self-arrow with attempts=…)");
        }

        @Test
        void waitInsideAForksBranchIsNotSupportedYet() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>",
                    "state paid <<choice>>", "[*] --> p", "p --> split", "split --> a", "split --> b", "a --> paid",
                    "paid --> c: on captured", "c --> merge", "b --> merge", "merge --> [*]"))).containsExactly(
                    AT + "12:1: step a, in a branch of fork split, leads to wait paid: a wait inside a fork's branch "
                            + "is not supported yet; wait after the join");
        }

        @Test
        void forkStraightIntoAWaitIsNotSupportedYet() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>",
                    "state paid <<choice>>", "[*] --> p", "p --> split", "split --> paid", "split --> b",
                    "paid --> merge: on captured", "b --> merge", "merge --> [*]"))).containsExactly(
                    AT + "10:1: fork split leads to wait paid: a wait inside a fork's branch is not supported yet; "
                            + "wait after the join");
        }

        @Test
        void joinLeadingToAWaitIsNotSupportedYet() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>",
                    "state paid <<choice>>", "[*] --> p", "p --> split", "split --> a", "split --> b", "a --> merge",
                    "b --> merge", "merge --> paid", "paid --> [*]: on done"))).containsExactly(
                    AT + "14:1: join merge leads to wait paid: a join leading to a wait is not supported yet; put a "
                            + "step between them");
        }
    }

    @Nested
    class Durations {

        @Test
        void shortAndIsoDurationsAreValid() {
            for (String duration : List.of("500ms", "30s", "10m", "2h", "3d", "PT10M", "P2DT3H", "PT0.5S")) {
                assertThat(problems("paid --> a: after " + duration, "a --> b: after " + duration, "b --> [*]"))
                        .as(duration).isEmpty();
            }
        }

        @Test
        void unreadableDurationsNameTheAcceptedFormsAndPointAtTheDuration() {
            assertThat(problems("paid --> a: after 1.5h", "a --> b: after 2w", "b --> c: after P1M", "c --> [*]"))
                    .containsExactly(
                            AT + "8:19: '1.5h' is not a duration (the timer of wait paid): write a whole number with "
                                    + "ms, s, m, h or d (500ms, 30s, 10m, 2h, 3d) or an ISO-8601 duration (PT10M, "
                                    + "P2DT3H)",
                            AT + "9:16: '2w' is not a duration (the delay before step b): write a whole number with "
                                    + "ms, s, m, h or d (500ms, 30s, 10m, 2h, 3d) or an ISO-8601 duration (PT10M, "
                                    + "P2DT3H)",
                            AT + "10:16: 'P1M' is not a duration (the delay before step c): write a whole number with "
                                    + "ms, s, m, h or d (500ms, 30s, 10m, 2h, 3d) or an ISO-8601 duration (PT10M, "
                                    + "P2DT3H)");
        }

        @Test
        void zeroNegativeTooShortAndTooLongDurations() {
            assertThat(problems("paid --> a: after 0s", "a --> b: after PT-5M", "b --> c: after PT0.0001S",
                    "c --> d: after 99999999999999999999d", "d --> [*]")).containsExactly(
                    AT + "8:19: the timer of wait paid must be longer than zero, found '0s'",
                    AT + "9:16: the delay before step b must be longer than zero, found 'PT-5M'",
                    AT + "10:16: the delay before step c must be a whole number of milliseconds, found 'PT0.0001S'",
                    AT + "11:16: the delay before step d is too long, found '99999999999999999999d'");
        }
    }

    @Nested
    class Delays {

        @Test
        void delayOnAnArrowToTheEnd() {
            assertThat(problems("paid --> a: on captured", "a --> [*]: after 10m")).containsExactly(
                    AT + "9:12: a delay ('after 10m') is only allowed on an arrow from a step to a step, not from step "
                            + "a to [*]");
        }

        @Test
        void delayOnAnArrowIntoAWaitOrADecision() {
            assertThat(Diagrams.problems(Diagrams.body("state paid <<choice>>", "state route <<choice>>",
                    "[*] --> a", "a --> paid: after 1h", "paid --> b: on captured", "b --> route: after 2h",
                    "route --> [*]: done", "route --> [*]: stop"))).containsExactly(
                    AT + "8:13: a delay ('after 1h') is only allowed on an arrow from a step to a step, not from step "
                            + "a to wait paid; to stop waiting after a while, label an arrow out of the wait "
                            + "'after <duration>'",
                    AT + "10:14: a delay ('after 2h') is only allowed on an arrow from a step to a step, not from "
                            + "step b to decision route");
        }

        @Test
        void delayOnTheArrowFromTheStart() {
            assertThat(Diagrams.problems(Diagrams.body("[*] --> a: after 1d", "a --> [*]"))).containsExactly(
                    AT + "5:12: a delay ('after 1d') is only allowed on an arrow from a step to a step, not from [*] "
                            + "to step a; to start a workflow later, submit it with a start time");
        }

        @Test
        void delayOnArrowsIntoAndOutOfAForkAndAJoin() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> p",
                    "p --> split: after 1m", "split --> a: after 2m", "split --> b", "a --> merge: after 3m",
                    "b --> merge", "merge --> c: after 4m", "c --> [*]"))).containsExactly(
                    AT + "8:14: a delay ('after 1m') is only allowed on an arrow from a step to a step, not from step "
                            + "p to fork split",
                    AT + "9:14: a delay ('after 2m') is only allowed on an arrow from a step to a step, not from fork "
                            + "split to step a",
                    AT + "11:14: a delay ('after 3m') is only allowed on an arrow from a step to a step, not from "
                            + "step a to join merge",
                    AT + "13:14: a delay ('after 4m') is only allowed on an arrow from a step to a step, not from "
                            + "join merge to step c");
        }

        @Test
        void delayBetweenStepsOfAForksBranchIsValid() {
            assertThat(Diagrams.problems(Diagrams.body("state split <<fork>>", "state merge <<join>>", "[*] --> p",
                    "p --> split", "split --> a", "split --> b", "a --> c: after 1h", "c --> merge", "b --> merge",
                    "merge --> [*]"))).isEmpty();
        }
    }

    @Nested
    class Names {

        @Test
        void timeoutMethodClashingWithAStepMethod() {
            assertThat(problems("paid --> paid-timed-out: after 1h", "paid-timed-out --> [*]")).containsExactly(
                    AT + "5:1: wait paid has the timeout method paidTimedOut, which clashes with the method of step "
                            + "paid-timed-out (line 8): rename one of them");
        }

        @Test
        void timerToTheEndHasNoTimeoutMethodToClash() {
            assertThat(problems("paid --> paid-timed-out: on captured", "paid --> [*]: after 1h",
                    "paid-timed-out --> [*]")).isEmpty();
        }

        @Test
        void waitWhoseNestedClassesHideOtherTypes() {
            assertThat(Diagrams.problems(Diagrams.body("state ship-payload <<choice>>", "state events <<choice>>",
                    "state override <<choice>>", "[*] --> a", "a --> ship-payload", "ship-payload --> ship: on go",
                    "ship --> events", "events --> b: on went", "b --> override", "override --> [*]: after 1h")))
                    .containsExactly(
                            AT + "5:1: wait ship-payload becomes the nested class ShipPayload, which clashes with the "
                                    + "payload type of step ship: rename the wait",
                            AT + "6:1: wait events becomes the nested class Events, which clashes with the nested "
                                    + "class Events, which holds the workflow's event factories: rename the wait",
                            AT + "7:1: wait override becomes the nested class Override, which clashes with "
                                    + "java.lang.Override: rename the wait");
        }

        @Test
        void forkWhoseNestedClassHidesAKeptTypeOrATypeWaitsUse() {
            assertThat(Diagrams.problems(Diagrams.body("state paid-payload <<fork>>", "state duration <<fork>>",
                    "state merge <<join>>", "state merge2 <<join>>", "state paid <<choice>>", "[*] --> p",
                    "p --> paid", "paid --> q: on go", "q --> paid-payload", "paid-payload --> a",
                    "paid-payload --> b", "a --> merge", "b --> merge", "merge --> r", "r --> duration",
                    "duration --> c", "duration --> d", "c --> merge2", "d --> merge2", "merge2 --> [*]")))
                    .containsExactly(
                            AT + "5:1: fork paid-payload becomes the nested class PaidPayload, which clashes with the "
                                    + "kept type of wait paid: rename the fork",
                            AT + "6:1: fork duration becomes the nested class Duration, which clashes with the type "
                                    + "Duration the generated base uses: rename the fork");
        }

        @Test
        void waitAndStepBecomingTheSameJavaName() {
            assertThat(problems("paid --> Paid: on go", "Paid --> [*]")).containsExactly(
                    AT + "8:10: states paid (line 5) and Paid both become the Java name 'paid': rename one of them");
        }
    }

    @Test
    void everyProblemOfWaitsAndDelaysIsReportedInOneRun() {
        assertThat(problems("paid --> ship: on captured", "paid --> ship2: on captured", "paid --> x: after 2x",
                "paid --> y: chooseY", "ship --> [*]: after 1h", "ship2 --> [*]", "x --> y: after 0ms", "y --> [*]"))
                .containsExactly(
                        AT + "9:20: wait paid has two branches on event captured (the first at line 8): each event "
                                + "chooses one branch",
                        AT + "10:19: '2x' is not a duration (the timer of wait paid): write a whole number with ms, s, "
                                + "m, h or d (500ms, 30s, 10m, 2h, 3d) or an ISO-8601 duration (PT10M, P2DT3H)",
                        AT + "11:13: branch label 'chooseY' of wait paid is neither 'on <event>' nor 'after "
                                + "<duration>': a <<choice>> is either a decision (every label a branch method) or a "
                                + "wait (every label 'on <event>' or 'after <duration>')",
                        AT + "12:15: a delay ('after 1h') is only allowed on an arrow from a step to a step, not from "
                                + "step ship to [*]",
                        AT + "14:16: the delay before step y must be longer than zero, found '0ms'");
    }
}
