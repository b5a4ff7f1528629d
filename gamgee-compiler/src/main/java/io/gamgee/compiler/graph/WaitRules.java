package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.Arrow;
import io.gamgee.compiler.diagram.DiagramState;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.StateKind;
import io.gamgee.compiler.diagram.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of waits and delays. A {@code <<choice>>} is a wait when a label of an arrow out of it
 * is {@code on <event>} or {@code after <duration>}; then every label must be one. An
 * {@code after <duration>} label on an arrow from a step to a step delays the second step.
 */
final class WaitRules {

    /** {@code on <event>} or {@code after <duration>}: the keyword, then what follows it. */
    private static final Pattern WAIT_LABEL = Pattern.compile("(?<keyword>on|after)\\s+(?<rest>\\S.*)");
    private static final String ON = "on";

    private final ParsedDiagram diagram;
    private final Reporter reporter;
    private final Map<String, List<Arrow>> outgoing;
    private final Map<String, List<Arrow>> selfArrows;
    private final Set<String> waits = new LinkedHashSet<>();
    /** Per wait, its valid branches so far, for the checks across waits and the graph. */
    private final Map<String, List<Wait.On>> events = new LinkedHashMap<>();
    private final Map<String, Wait.After> timers = new HashMap<>();
    private final Map<String, Long> delays = new HashMap<>();
    private boolean hasDelays;

    WaitRules(ParsedDiagram diagram, Reporter reporter, Map<String, List<Arrow>> outgoing,
            Map<String, List<Arrow>> selfArrows) {
        this.diagram = diagram;
        this.reporter = reporter;
        this.outgoing = outgoing;
        this.selfArrows = selfArrows;
    }

    /** Finds the choices that are waits; reports nothing. */
    void classify() {
        for (DiagramState state : diagram.states().values()) {
            String name = state.name().text();
            if (state.kind() == StateKind.CHOICE && outgoing.getOrDefault(name, List.of()).stream()
                    .anyMatch(arrow -> arrow.label().filter(WaitRules::isWaitLabel).isPresent())) {
                waits.add(name);
            }
        }
        hasDelays = diagram.arrows().stream().anyMatch(arrow -> !arrow.isSelf()
                && arrow.label().filter(label -> label(label).filter(m -> !m.group("keyword").equals(ON)).isPresent())
                        .isPresent());
    }

    private static boolean isWaitLabel(Token label) {
        return label(label).isPresent();
    }

    private static Optional<Matcher> label(Token label) {
        Matcher matcher = WAIT_LABEL.matcher(label.text());
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }

    /** Whether the state is a {@code <<choice>>} used as a wait. */
    boolean isWait(String state) {
        return waits.contains(state);
    }

    /** Whether the diagram has a wait or a delay, so that the generated base uses their types. */
    boolean any() {
        return !waits.isEmpty() || hasDelays;
    }

    /** The waits' names, in order of first appearance. */
    Set<String> waits() {
        return waits;
    }

    /**
     * Checks one wait: its self-arrows and each branch's label and target.
     *
     * @param unchecked whether a state follows a construct not supported inside a fork's branch, so
     *     where its arrows lead is not checked
     */
    void checkWait(DiagramState state, Predicate<String> unchecked) {
        String name = state.name().text();
        for (Arrow self : selfArrows.getOrDefault(name, List.of())) {
            reporter.error(self.from(), "wait " + name + " leads to itself: a wait's branches lead to a step or [*]; "
                    + "retries belong on steps");
        }
        List<Wait.On> ons = new ArrayList<>();
        Map<String, Token> eventsHere = new HashMap<>();
        Token timer = null;
        for (Arrow branch : outgoing.getOrDefault(name, List.of())) {
            String target = branch.to().text();
            StateKind kind = branch.toEnd() ? null : kindOf(target);
            boolean validTarget = branch.toEnd() || kind == StateKind.STEP;
            if (!validTarget && kind != null && kind != StateKind.COMPOSITE && !unchecked.test(name)) {
                reporter.error(branch.from(), "wait " + name + " leads to " + describe(target) + ": a wait leading to a "
                        + "decision, a wait, a fork or a join is not supported yet; put a step between them");
            }
            if (branch.label().isEmpty()) {
                reporter.error(branch.from(), "arrow from wait " + name + " to " + target + " has no label: label "
                        + "it 'on <event>' or 'after <duration>' ('" + name + " --> " + target + ": on "
                        + JavaNames.memberName(target).orElse("done") + "Ready')");
                continue;
            }
            Token label = branch.label().get();
            Optional<Matcher> matcher = label(label);
            if (matcher.isEmpty()) {
                reporter.error(label, "branch label '" + label.text() + "' of wait " + name + " is neither 'on "
                        + "<event>' nor 'after <duration>': a <<choice>> is either a decision (every label a branch "
                        + "method) or a wait (every label 'on <event>' or 'after <duration>')");
                continue;
            }
            Token rest = label.at(matcher.get().start("rest"), matcher.get().group("rest").strip());
            if (matcher.get().group("keyword").equals(ON)) {
                if (checkEvent(name, rest, eventsHere) && validTarget) {
                    ons.add(new Wait.On(rest.text(), target, branch.from().line()));
                }
            } else if (timer != null) {
                reporter.error(label, "wait " + name + " has more than one timer (the first is at line " + timer.line()
                        + "): a wait has at most one 'after <duration>' branch");
            } else {
                timer = label;
                Optional<Long> delay = Durations.read(rest, "the timer of wait " + name, reporter);
                if (delay.isPresent() && validTarget) {
                    timers.put(name, new Wait.After(delay.get(), rest.text(), target, branch.from().line()));
                }
            }
        }
        events.put(name, ons);
    }

    private boolean checkEvent(String wait, Token event, Map<String, Token> eventsHere) {
        String text = event.text();
        if (!JavaNames.isMethodName(text)) {
            reporter.error(event, "event name '" + text + "' of wait " + wait + " is not a valid Java identifier"
                    + (JavaNames.isKeyword(text) ? " (it is a keyword)" : "") + ": events become methods of the "
                    + "generated Events class; use a name like paymentCaptured");
            return false;
        }
        if (JavaNames.OBJECT_METHODS.contains(text)) {
            reporter.error(event, "event name '" + text + "' of wait " + wait + " clashes with a method of "
                    + "java.lang.Object: rename the event");
            return false;
        }
        Token first = eventsHere.putIfAbsent(text, event);
        if (first != null) {
            reporter.error(event, "wait " + wait + " has two branches on event " + text + " (the first at line "
                    + first.line() + "): each event chooses one branch");
            return false;
        }
        return true;
    }

    /**
     * Checks that an event shared by several waits leads to the same step in each, since it carries
     * that step's payload; call after every wait is checked.
     */
    void checkSharedEvents() {
        Map<String, Wait.On> first = new HashMap<>();
        Map<String, String> firstWait = new HashMap<>();
        for (Map.Entry<String, List<Wait.On>> wait : events.entrySet()) {
            for (Wait.On on : wait.getValue()) {
                Wait.On earlier = first.putIfAbsent(on.event(), on);
                if (earlier != null && !earlier.target().equals(on.target())) {
                    Token at = eventToken(wait.getKey(), on);
                    reporter.error(at, "event " + on.event() + " of wait " + wait.getKey() + " leads to "
                            + describe(on.target()) + ", but in wait " + firstWait.get(on.event()) + " (line "
                            + earlier.line() + ") it leads to " + describe(earlier.target()) + ": an event carries the "
                            + "payload of the step it leads to, so it leads to the same step in every wait; rename one "
                            + "of them");
                } else {
                    firstWait.putIfAbsent(on.event(), wait.getKey());
                }
            }
        }
    }

    private Token eventToken(String wait, Wait.On on) {
        for (Arrow arrow : outgoing.getOrDefault(wait, List.of())) {
            Optional<Matcher> matcher = arrow.label().flatMap(WaitRules::label);
            if (arrow.from().line() == on.line() && matcher.isPresent()) {
                Token label = arrow.label().get();
                return label.at(matcher.get().start("rest"), on.event());
            }
        }
        return new Token(on.event(), on.line(), 1);
    }

    /**
     * Checks every {@code after <duration>} label on an arrow that does not leave a wait: a delay
     * between two steps, and an error anywhere else.
     */
    void checkDelays() {
        for (Arrow arrow : diagram.arrows()) {
            if (arrow.isSelf() || arrow.label().isEmpty()) {
                continue;
            }
            String from = arrow.from().text();
            StateKind fromKind = arrow.fromStart() ? null : kindOf(from);
            if (fromKind == StateKind.CHOICE || fromKind == StateKind.COMPOSITE) {
                continue;   // a choice's labels are its branches
            }
            Token label = arrow.label().get();
            Optional<Matcher> matcher = label(label).filter(m -> !m.group("keyword").equals(ON));
            if (matcher.isEmpty()) {
                continue;   // other labels on arrows out of steps describe them
            }
            String to = arrow.to().text();
            StateKind toKind = arrow.toEnd() ? null : kindOf(to);
            if (fromKind == StateKind.STEP && toKind == StateKind.STEP) {
                Token duration = label.at(matcher.get().start("rest"), matcher.get().group("rest").strip());
                Durations.read(duration, "the delay before step " + to, reporter)
                        .ifPresent(delay -> delays.putIfAbsent(from, delay));
                continue;
            }
            if (toKind == StateKind.COMPOSITE) {
                continue;
            }
            String hint = arrow.fromStart() ? "; to start a workflow later, submit it with a start time"
                    : toKind == StateKind.CHOICE && isWait(to) ? "; to stop waiting after a while, label an arrow "
                            + "out of the wait 'after <duration>'" : "";
            reporter.error(label, "a delay ('" + label.text() + "') is only allowed on an arrow from a step to a "
                    + "step, not from " + describe(from) + " to " + describe(to) + hint);
        }
    }

    /**
     * A timed wait's timeout method must not take the name of a step's or a join's method.
     *
     * @param memberNames the Java member name of every state, to the state's name
     */
    void checkTimeoutMethods(Map<String, String> memberNames) {
        for (String wait : waits) {
            Wait.After after = timers.get(wait);
            Optional<String> member = JavaNames.memberName(wait);
            if (after == null || WorkflowGraph.END.equals(after.target()) || member.isEmpty()) {
                continue;
            }
            String method = Wait.timeoutMethod(member.get());
            String other = memberNames.get(method);
            DiagramState clash = other == null ? null : diagram.states().get(other);
            if (clash != null && (clash.kind() == StateKind.STEP || clash.kind() == StateKind.JOIN)) {
                reporter.error(diagram.states().get(wait).location(), "wait " + wait + " has the timeout method "
                        + method + ", which clashes with the method of " + describe(other) + " (line "
                        + clash.location().line() + "): rename one of them");
            }
        }
    }

    /** The delay after a step, in milliseconds, or 0; only for a diagram without errors. */
    long delayAfter(String step) {
        return delays.getOrDefault(step, 0L);
    }

    /** The validated wait; only for a diagram without errors. */
    Wait wait(DiagramState state) {
        String name = state.name().text();
        return new Wait(name, JavaNames.memberName(name).orElseThrow(), JavaNames.typeStem(name).orElseThrow(),
                events.getOrDefault(name, List.of()), Optional.ofNullable(timers.get(name)), state.location().line());
    }

    private String describe(String state) {
        if (state.equals(Arrow.TERMINAL)) {
            return "[*]";
        }
        StateKind kind = kindOf(state);
        String word = kind == null ? "state" : switch (kind) {
            case STEP -> "step";
            case CHOICE -> isWait(state) ? "wait" : "decision";
            case FORK -> "fork";
            case JOIN -> "join";
            case COMPOSITE -> "composite state";
        };
        return word + " " + state;
    }

    private StateKind kindOf(String name) {
        DiagramState state = diagram.states().get(name);
        return state == null ? null : state.kind();
    }
}
