package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.Arrow;
import io.gamgee.compiler.diagram.DiagramState;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.StateKind;
import io.gamgee.compiler.diagram.Token;
import io.gamgee.compiler.diagram.Unreadable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a parsed diagram against the rules of a workflow and, when it passes, builds its
 * {@link WorkflowGraph}. Every rule runs; each finding goes to the {@link Reporter}, except those a
 * line the parser could not read may explain (see {@link Unreadable}): that line is the cause.
 */
public final class GraphValidator {

    private final ParsedDiagram diagram;
    private final Reporter reporter;
    private final Unreadable unreadable;
    private final Map<String, String> memberNames = new HashMap<>();
    private final Map<String, List<Arrow>> outgoing = new LinkedHashMap<>();
    private final Map<String, List<Arrow>> incoming = new LinkedHashMap<>();
    private final Map<String, List<Arrow>> selfArrows = new LinkedHashMap<>();
    private final List<Arrow> startArrows = new ArrayList<>();
    private final Map<String, Retry> retries = new HashMap<>();
    private final ForkRules forkRules;
    private final WaitRules waitRules;

    private GraphValidator(ParsedDiagram diagram, Reporter reporter) {
        this.diagram = diagram;
        this.reporter = reporter;
        this.unreadable = diagram.unreadable();
        this.waitRules = new WaitRules(diagram, reporter, outgoing, selfArrows);
        this.forkRules = new ForkRules(diagram, reporter, outgoing, incoming, selfArrows, waitRules::isWait);
    }

    /** Validates {@code diagram}; returns its graph only when no error was reported, by any phase. */
    public static Optional<WorkflowGraph> validate(ParsedDiagram diagram, Reporter reporter) {
        return new GraphValidator(diagram, reporter).run();
    }

    private Optional<WorkflowGraph> run() {
        Optional<String> workflowType = diagram.title().flatMap(this::checkTitle);
        if (diagram.header().isEmpty()) {
            return Optional.empty();
        }
        diagram.states().values().stream().filter(state -> !state.kind().isUnsupported()).forEach(this::checkName);
        sortArrows();
        waitRules.classify();
        checkStart(diagram.header().get());
        forkRules.walk();
        diagram.states().values().forEach(state -> {
            switch (state.kind()) {
                case STEP -> checkStep(state);
                case CHOICE -> {
                    if (waitRules.isWait(state.name().text())) {
                        waitRules.checkWait(state, forkRules::isUnchecked);
                    } else {
                        checkDecision(state);
                    }
                }
                case FORK -> forkRules.checkFork(state);
                case JOIN -> forkRules.checkJoin(state);
                case COMPOSITE -> {
                    // reported by the parser
                }
            }
        });
        waitRules.checkSharedEvents();
        waitRules.checkDelays();
        waitRules.checkTimeoutMethods(memberNames);
        workflowType.ifPresent(type -> NestedTypeNames.check(diagram, type, waitRules, reporter));
        checkCycles();
        checkReachable();
        if (reporter.hasErrors() || workflowType.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(build(workflowType.get()));
    }

    private Optional<String> checkTitle(Token title) {
        Optional<String> type = JavaNames.workflowType(title.text());
        if (type.isEmpty()) {
            reporter.error(title, "title '" + title.text() + "' cannot become a Java class name: start it with "
                    + "a letter and use letters, digits and spaces (e.g. 'order fulfillment')");
        } else if (type.get().equals("Workflow")) {
            reporter.error(title, "title '" + title.text() + "' becomes the class WorkflowBase, which clashes with "
                    + "io.gamgee.core.WorkflowBase: name the workflow (e.g. 'order fulfillment')");
            return Optional.empty();
        }
        return type;
    }

    private void checkName(DiagramState state) {
        String name = state.name().text();
        Token at = state.location();
        Optional<String> member = JavaNames.memberName(name);
        if (member.isEmpty() || JavaNames.typeStem(name).isEmpty()) {
            reporter.error(at, "state name '" + name + "' cannot become a Java identifier: start it with a letter "
                    + "and use letters, digits, '-', '_' or spaces");
        } else if (JavaNames.isKeyword(member.get())) {
            reporter.error(at, "state " + name + " becomes the Java name '" + member.get()
                    + "', which is a Java keyword: rename the state");
        } else if (JavaNames.RESERVED_MEMBERS.contains(member.get())) {
            reporter.error(at, "state " + name + " becomes the Java name '" + member.get()
                    + "', which clashes with a member of the generated base class: rename the state");
        } else {
            String other = memberNames.putIfAbsent(member.get(), name);
            if (other != null) {
                DiagramState first = diagram.states().get(other);
                reporter.error(at, "states " + other + " (line " + first.location().line() + ") and " + name
                        + " both become the Java name '" + member.get() + "': rename one of them");
            }
        }
    }

    private void sortArrows() {
        for (Arrow arrow : diagram.arrows()) {
            if (arrow.fromStart()) {
                if (arrow.toEnd()) {
                    reporter.error(arrow.from(), "'[*] --> [*]' has no step in between: lead [*] to the first step");
                } else {
                    startArrows.add(arrow);
                }
            } else if (arrow.isSelf()) {
                selfArrows.computeIfAbsent(arrow.from().text(), name -> new ArrayList<>()).add(arrow);
            } else {
                outgoing.computeIfAbsent(arrow.from().text(), name -> new ArrayList<>()).add(arrow);
            }
            if (!arrow.isSelf() && !arrow.toEnd()) {
                incoming.computeIfAbsent(arrow.to().text(), name -> new ArrayList<>()).add(arrow);
            }
        }
    }

    private void checkStart(Token header) {
        if (startArrows.isEmpty()) {
            if (!unreadable.mayStart()) {
                reporter.error(header, "no arrow from [*]: add '[*] --> <first step>' to say where the workflow "
                        + "starts");
            }
            return;
        }
        Arrow first = startArrows.get(0);
        for (Arrow extra : startArrows.subList(1, startArrows.size())) {
            reporter.error(extra.from(), "more than one arrow from [*] (the first is at line " + first.from().line()
                    + "): a workflow has exactly one first step");
        }
        StateKind kind = kindOf(first.to());
        if (waitRules.isWait(first.to().text())) {
            reporter.error(first.to(), "the workflow starts at wait " + first.to().text()
                    + ": lead [*] to a step, which then leads to the wait");
        } else if (kind == StateKind.CHOICE) {
            reporter.error(first.to(), "the workflow starts at decision " + first.to().text()
                    + ": lead [*] to a step, which then leads to the decision");
        } else if (kind == StateKind.FORK) {
            reporter.error(first.to(), "the workflow starts at fork " + first.to().text()
                    + ": lead [*] to a step, which then leads to the fork");
        } else if (kind == StateKind.JOIN) {
            reporter.error(first.to(), "the workflow starts at join " + first.to().text()
                    + ": a join is reached only from the last steps of its fork's branches");
        }
    }

    private void checkStep(DiagramState state) {
        String name = state.name().text();
        List<Arrow> out = outgoing.getOrDefault(name, List.of());
        // A step whose declaration could not be read may have been meant as a decision, with branches.
        boolean untyped = unreadable.untyped().contains(name);
        if (out.isEmpty() && !untyped && !unreadable.leadingOut().contains(name)) {
            reporter.error(state.location(), "step " + name + " has no outgoing arrow: connect it to [*] explicitly ('"
                    + name + " --> [*]') or to the next state");
        }
        for (Arrow extra : out.subList(untyped ? out.size() : Math.min(1, out.size()), out.size())) {
            reporter.error(extra.from(), "step " + name + " has more than one outgoing arrow (the first is at line "
                    + out.get(0).from().line() + "): a step leads to exactly one state; add a <<choice>> state "
                    + "after it to branch");
        }
        List<Arrow> selves = selfArrows.getOrDefault(name, List.of());
        for (Arrow extra : selves.subList(Math.min(1, selves.size()), selves.size())) {
            reporter.error(extra.from(), "step " + name + " has more than one self-arrow (the first is at line "
                    + selves.get(0).from().line() + "): write all retry settings on one");
        }
        if (!selves.isEmpty()) {
            Arrow self = selves.get(0);
            if (self.label().isEmpty()) {
                reporter.error(self.from(), "self-arrow on step " + name + " has no retry settings: write '" + name
                        + " --> " + name + ": attempts=3\\nbackoffMs=500', or remove the arrow");
            } else {
                RetrySettings.read(name, self.label().get(), reporter).ifPresent(retry -> retries.put(name, retry));
            }
        }
    }

    private void checkDecision(DiagramState state) {
        String name = state.name().text();
        for (Arrow self : selfArrows.getOrDefault(name, List.of())) {
            reporter.error(self.from(), "decision " + name + " leads to itself: a branch leads to a step or [*]; "
                    + "retries belong on steps");
        }
        List<Arrow> branches = outgoing.getOrDefault(name, List.of());
        Map<String, Arrow> labels = new HashMap<>();
        for (Arrow branch : branches) {
            StateKind target = kindOf(branch.to());
            if (waitRules.isWait(branch.to().text())) {
                reporter.error(branch.from(), "decision " + name + " leads to wait " + branch.to().text()
                        + ": a decision branch leading to a wait is not supported yet; put a step between them");
            } else if (target == StateKind.CHOICE) {
                reporter.error(branch.from(), "decision " + name + " leads to decision " + branch.to().text()
                        + ": a branch leads to a step or [*]; put a step between them");
            } else if ((target == StateKind.FORK || target == StateKind.JOIN) && !forkRules.isUnchecked(name)) {
                reporter.error(branch.from(), "decision " + name + " leads to "
                        + (target == StateKind.FORK ? "fork " : "join ") + branch.to().text()
                        + ": a decision branch leading to a fork or a join is not supported yet; put a step "
                        + "between them");
            }
            if (branch.label().isEmpty()) {
                reporter.error(branch.from(), "arrow from decision " + name + " to " + branch.to().text()
                        + " has no label: label it with the branch method's name ('" + name + " --> "
                        + branch.to().text() + ": goTo" + suggestion(branch.to().text()) + "')");
                continue;
            }
            checkLabel(name, branch.label().get(), labels);
        }
        if (unreadable.leadingOut().contains(name)) {
            return;
        }
        if (branches.isEmpty()) {
            reporter.error(state.location(), "decision " + name + " has no branches: add labelled arrows from it "
                    + "to steps or [*]");
        } else if (branches.size() == 1) {
            reporter.warning(state.location(), "decision " + name + " has only one branch: a plain arrow from the "
                    + "step before it would do");
        }
    }

    private void checkLabel(String decision, Token label, Map<String, Arrow> labels) {
        String text = label.text();
        if (!JavaNames.isMethodName(text)) {
            reporter.error(label, "branch label '" + text + "' of decision " + decision + " is not a valid Java "
                    + "method name" + (JavaNames.isKeyword(text) ? " (it is a keyword)" : "")
                    + ": use a name like chooseLeft");
        } else if (JavaNames.OBJECT_METHODS.contains(text)) {
            reporter.error(label, "branch label '" + text + "' of decision " + decision
                    + " clashes with a method of java.lang.Object: rename the branch");
        } else {
            Arrow first = labels.get(text);
            if (first != null) {
                reporter.error(label, "decision " + decision + " has two branches labelled " + text
                        + " (the first at line " + first.from().line() + "): labels name branch methods and must "
                        + "be unique");
            } else {
                labels.put(text, new Arrow(label, label, Optional.empty()));
            }
        }
    }

    private static String suggestion(String target) {
        return JavaNames.typeStem(target).orElse("Next");
    }

    private void checkCycles() {
        Set<String> done = new HashSet<>();
        Set<String> reported = new HashSet<>();
        // Entering at the first step prints each cycle in the order the workflow would run it.
        List<String> entries = new ArrayList<>();
        startArrows.forEach(arrow -> entries.add(arrow.to().text()));
        entries.addAll(diagram.states().keySet());
        for (String start : entries) {
            if (!done.contains(start)) {
                findCycles(start, new ArrayList<>(), new HashSet<>(), done, reported);
            }
        }
    }

    private void findCycles(String state, List<String> path, Set<String> onPath, Set<String> done,
            Set<String> reported) {
        path.add(state);
        onPath.add(state);
        for (Arrow arrow : outgoing.getOrDefault(state, List.of())) {
            String next = arrow.to().text();
            if (arrow.toEnd()) {
                continue;
            }
            if (onPath.contains(next)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                String text = String.join(" --> ", cycle);
                if (reported.add(cycleKey(cycle))) {
                    reporter.error(arrow.from(), "cycle: " + text + "; a workflow must be acyclic (to retry a step, "
                            + "give it a self-arrow with attempts=…)");
                }
            } else if (!done.contains(next)) {
                findCycles(next, path, onPath, done, reported);
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(state);
        done.add(state);
    }

    /** The same cycle found from another entry point has the same members. */
    private static String cycleKey(List<String> cycle) {
        return cycle.subList(0, cycle.size() - 1).stream().sorted().collect(Collectors.joining("\n"));
    }

    private void checkReachable() {
        if (startArrows.isEmpty()) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        startArrows.forEach(arrow -> queue.add(arrow.to().text()));
        // A state named on an unreadable line may be connected there, and so may all that follows it.
        queue.addAll(unreadable.named());
        while (!queue.isEmpty()) {
            String state = queue.poll();
            if (reached.add(state)) {
                outgoing.getOrDefault(state, List.of()).forEach(arrow -> queue.add(arrow.to().text()));
            }
        }
        for (DiagramState state : diagram.states().values()) {
            if (!state.kind().isUnsupported() && !reached.contains(state.name().text())) {
                reporter.error(state.location(), "state " + state.name().text()
                        + " is not reachable from [*]: connect an arrow to it or remove it");
            }
        }
    }

    private StateKind kindOf(Token name) {
        DiagramState state = diagram.states().get(name.text());
        return state == null ? null : state.kind();
    }

    private WorkflowGraph build(String workflowType) {
        List<Step> steps = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<Fork> forks = new ArrayList<>();
        List<Join> joins = new ArrayList<>();
        List<Wait> waits = new ArrayList<>();
        for (DiagramState state : diagram.states().values()) {
            String name = state.name().text();
            String member = JavaNames.memberName(name).orElseThrow();
            String stem = JavaNames.typeStem(name).orElseThrow();
            if (state.kind() == StateKind.FORK) {
                forks.add(forkRules.fork(state));
            } else if (state.kind() == StateKind.JOIN) {
                joins.add(forkRules.join(state));
            } else if (waitRules.isWait(name)) {
                waits.add(waitRules.wait(state));
            } else if (state.kind() == StateKind.STEP) {
                steps.add(new Step(name, member, stem + "Payload", outgoing.get(name).get(0).to().text(),
                        retries.getOrDefault(name, Retry.DEFAULT), state.location().line(),
                        waitRules.delayAfter(name)));
            } else {
                List<Decision.Branch> branches = outgoing.getOrDefault(name, List.of()).stream()
                        .map(arrow -> new Decision.Branch(arrow.label().orElseThrow().text(), arrow.to().text(),
                                arrow.from().line()))
                        .toList();
                decisions.add(new Decision(name, member, stem, branches, state.location().line()));
            }
        }
        decisions.sort((a, b) -> Integer.compare(a.line(), b.line()));
        forks.sort((a, b) -> Integer.compare(a.line(), b.line()));
        joins.sort((a, b) -> Integer.compare(a.line(), b.line()));
        waits.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new WorkflowGraph(workflowType, startArrows.get(0).to().text(), steps, decisions, forks, joins, waits);
    }
}
