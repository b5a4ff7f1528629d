package io.gamgee.compiler.graph;

import io.gamgee.compiler.diagram.Arrow;
import io.gamgee.compiler.diagram.DiagramState;
import io.gamgee.compiler.diagram.ParsedDiagram;
import io.gamgee.compiler.diagram.Reporter;
import io.gamgee.compiler.diagram.StateKind;
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
import java.util.function.Predicate;

/**
 * The rules of {@code <<fork>>} and {@code <<join>>} states. First every fork's branches are walked
 * (a branch is the chain of steps from the fork to the state that ends it); then each fork and join
 * is checked against those walks, so that one mistake is reported once, where it is made, and what
 * follows a construct not supported inside a branch is not checked as if it were a branch.
 */
final class ForkRules {

    private final ParsedDiagram diagram;
    private final Reporter reporter;
    private final Unreadable unreadable;
    private final Map<String, List<Arrow>> outgoing;
    private final Map<String, List<Arrow>> incoming;
    private final Map<String, List<Arrow>> selfArrows;
    private final Predicate<String> isWait;
    private final Map<String, List<Chain>> branchesByFork = new LinkedHashMap<>();
    private final Map<String, Chain> chainOfStep = new HashMap<>();
    private final Set<String> unchecked = new HashSet<>();

    /** How the walk of a branch ended. */
    private enum End {
        /** At a join: the branch is complete. */
        JOIN,
        /** At {@code [*]} or at a state outside the branch ({@link Chain#leaving}). */
        LEAVES,
        /** At a decision, a wait or a fork: not supported inside a branch. */
        NESTED,
        /** The fork's arrow leads to {@code [*]}, a join, or a step another branch already holds. */
        BAD_START,
        /** At a step without an outgoing arrow, in a cycle, or at a step of another branch: reported elsewhere. */
        OPEN
    }

    /** One branch as walked from its fork. */
    private static final class Chain {
        final String fork;
        final Arrow start;
        final List<String> steps = new ArrayList<>();
        End end = End.OPEN;
        /** The arrow that ends the walk: into the join, the nested state, {@code [*]} or the state outside. */
        Arrow last;

        Chain(String fork, Arrow start) {
            this.fork = fork;
            this.start = start;
        }

        String join() {
            return end == End.JOIN ? last.to().text() : null;
        }
    }

    ForkRules(ParsedDiagram diagram, Reporter reporter, Map<String, List<Arrow>> outgoing,
            Map<String, List<Arrow>> incoming, Map<String, List<Arrow>> selfArrows, Predicate<String> isWait) {
        this.diagram = diagram;
        this.reporter = reporter;
        this.unreadable = diagram.unreadable();
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.selfArrows = selfArrows;
        this.isWait = isWait;
    }

    /** Walks the branches of every fork; reports nothing yet. */
    void walk() {
        List<String> nested = new ArrayList<>();
        for (DiagramState state : diagram.states().values()) {
            if (state.kind() != StateKind.FORK) {
                continue;
            }
            String fork = state.name().text();
            List<Chain> chains = new ArrayList<>();
            for (Arrow start : outgoing.getOrDefault(fork, List.of())) {
                Chain chain = walk(fork, start);
                if (chain.end == End.NESTED) {
                    nested.add(chain.last.to().text());
                }
                chains.add(chain);
            }
            branchesByFork.put(fork, chains);
        }
        // What follows an unsupported construct inside a branch, up to the join of a fork that is not
        // itself inside a branch, is not checked as a branch.
        Set<String> outerJoins = new HashSet<>();
        branchesByFork.keySet().stream()
                .filter(fork -> !nested.contains(fork))
                .map(this::joinOf)
                .forEach(outerJoins::add);
        Deque<String> queue = new ArrayDeque<>(nested);
        while (!queue.isEmpty()) {
            String state = queue.poll();
            if (!outerJoins.contains(state) && unchecked.add(state)) {
                outgoing.getOrDefault(state, List.of()).stream()
                        .filter(arrow -> !arrow.toEnd())
                        .forEach(arrow -> queue.add(arrow.to().text()));
            }
        }
    }

    private Chain walk(String fork, Arrow start) {
        Chain chain = new Chain(fork, start);
        chain.last = start;
        StateKind first = start.toEnd() ? null : kindOf(start.to().text());
        if (first == StateKind.CHOICE || first == StateKind.FORK) {
            chain.end = End.NESTED;
            return chain;
        }
        if (first != StateKind.STEP || chainOfStep.containsKey(start.to().text())) {
            chain.end = first == StateKind.COMPOSITE ? End.OPEN : End.BAD_START;
            return chain;
        }
        String current = start.to().text();
        claim(chain, current);
        while (true) {
            List<Arrow> out = outgoing.getOrDefault(current, List.of());
            if (out.isEmpty()) {
                chain.end = End.OPEN;
                break;
            }
            Arrow arrow = out.get(0);
            chain.last = arrow;
            if (arrow.toEnd()) {
                chain.end = End.LEAVES;
                break;
            }
            String next = arrow.to().text();
            StateKind kind = kindOf(next);
            if (kind == StateKind.JOIN) {
                chain.end = End.JOIN;
                break;
            }
            if (kind == StateKind.CHOICE || kind == StateKind.FORK) {
                chain.end = End.NESTED;
                break;
            }
            if (kind != StateKind.STEP || chain.steps.contains(next) || chainOfStep.containsKey(next)) {
                chain.end = End.OPEN;
                break;
            }
            claim(chain, next);
            current = next;
        }
        if (chain.end == End.LEAVES) {
            cutAtLeavingPoint(chain);
        }
        return chain;
    }

    /**
     * A branch that does not reach a join left it somewhere: at the first step that something
     * outside the branch leads to as well, or else at its arrow to {@code [*]}. The steps from there
     * on are not the branch's.
     */
    private void cutAtLeavingPoint(Chain chain) {
        for (int i = 1; i < chain.steps.size(); i++) {
            String step = chain.steps.get(i);
            String previous = chain.steps.get(i - 1);
            if (foreignIncoming(step, previous).isPresent()) {
                chain.last = outgoing.get(previous).get(0);
                for (String dropped : chain.steps.subList(i, chain.steps.size())) {
                    chainOfStep.remove(dropped);
                }
                chain.steps.subList(i, chain.steps.size()).clear();
                return;
            }
        }
    }

    private Optional<Arrow> foreignIncoming(String step, String expected) {
        return incoming.getOrDefault(step, List.of()).stream()
                .filter(arrow -> !arrow.from().text().equals(expected))
                .findFirst();
    }

    private void claim(Chain chain, String step) {
        chain.steps.add(step);
        chainOfStep.put(step, chain);
    }

    /** Whether a state follows a decision or fork inside a branch, so its arrows are not checked as a branch's. */
    boolean isUnchecked(String state) {
        return unchecked.contains(state);
    }

    /** Checks one fork: its arrows in and out, and each of its branches. */
    void checkFork(DiagramState state) {
        String name = state.name().text();
        if (unchecked.contains(name)) {
            return;
        }
        for (Arrow self : selfArrows.getOrDefault(name, List.of())) {
            reporter.error(self.from(), "fork " + name + " leads to itself: a fork starts branches; retries belong "
                    + "on steps");
        }
        List<Arrow> in = incoming.getOrDefault(name, List.of()).stream().filter(arrow -> !arrow.fromStart()).toList();
        for (Arrow extra : in.subList(Math.min(1, in.size()), in.size())) {
            reporter.error(extra.from(), "fork " + name + " has more than one incoming arrow (the first is at line "
                    + in.get(0).from().line() + "): a fork follows exactly one step");
        }
        List<Chain> chains = branchesByFork.getOrDefault(name, List.of());
        boolean mayHaveMore = unreadable.leadingOut().contains(name);
        if (chains.isEmpty() && !mayHaveMore) {
            reporter.error(state.location(), "fork " + name + " has no branches: add an arrow from it to the first "
                    + "step of each branch");
        } else if (chains.size() == 1 && !mayHaveMore) {
            reporter.error(state.location(), "fork " + name + " has only one branch: a fork starts at least two; "
                    + "for one, lead the step before it straight to the branch's first step");
        }
        chains.forEach(chain -> checkStart(name, chain));
        List<Chain> joined = chains.stream().filter(chain -> chain.end == End.JOIN).toList();
        List<Chain> leaving = chains.stream().filter(chain -> chain.end == End.LEAVES).toList();
        if (joined.isEmpty() && !leaving.isEmpty()) {
            reporter.error(state.location(), "fork " + name + " has no join: lead the last step of each of its "
                    + "branches to one <<join>> state ('state <name> <<join>>')");
        } else if (!joined.isEmpty()) {
            String join = joined.get(0).join();
            for (Chain chain : joined) {
                if (!chain.join().equals(join)) {
                    reporter.error(chain.last.from(), "the branches of fork " + name + " end at different joins, "
                            + join + " (line " + joined.get(0).last.from().line() + ") and " + chain.join()
                            + ": every branch of a fork ends at the same join");
                }
            }
            leaving.forEach(chain -> reportLeaving(name, join, chain));
        }
        chains.forEach(chain -> checkEntries(name, chain));
    }

    private void checkStart(String fork, Chain chain) {
        Arrow start = chain.start;
        String target = start.to().text();
        if (chain.end == End.NESTED) {
            Arrow into = chain.last;
            String from = into == start ? "fork " + fork : "step " + into.from().text() + ", in a branch of fork "
                    + fork + ",";
            String what = isWait.test(into.to().text())
                    ? "wait " + into.to().text() + ": a wait inside a fork's branch is not supported yet; wait after "
                            + "the join"
                    : kindOf(into.to().text()) == StateKind.CHOICE
                    ? "decision " + into.to().text() + ": a decision inside a fork's branch is not supported yet; "
                            + "decide after the join"
                    : "fork " + into.to().text() + ": a fork inside another fork's branch is not supported yet";
            reporter.error(into.from(), from + " leads to " + what);
        } else if (chain.end != End.BAD_START) {
            return;
        } else if (start.toEnd()) {
            reporter.error(start.from(), "fork " + fork + " leads to [*]: each branch of a fork is a chain of steps "
                    + "ending at its join");
        } else if (kindOf(target) == StateKind.JOIN) {
            reporter.error(start.from(), "fork " + fork + " leads straight to join " + target + ": a branch has at "
                    + "least one step; put a step between them");
        } else {
            Chain other = chainOfStep.get(target);
            String holder = other.fork.equals(fork) ? "another branch of this fork (line " + other.start.from().line()
                    + ")" : "a branch of fork " + other.fork;
            reporter.error(start.from(), "fork " + fork + " leads to step " + target + ", which is already in "
                    + holder + ": each branch starts at a step of its own");
        }
    }

    private void reportLeaving(String fork, String join, Chain chain) {
        Arrow out = chain.last;
        String step = out.from().text();
        if (out.toEnd()) {
            reporter.error(out.from(), "step " + step + ", in a branch of fork " + fork + ", leads to [*]: a branch "
                    + "ends at its fork's join (" + join + ")");
        } else {
            Arrow other = foreignIncoming(out.to().text(), step).orElseThrow();
            reporter.error(out.from(), "step " + step + ", in a branch of fork " + fork + ", leads to "
                    + out.to().text() + ", which is outside the branch (" + describe(other.from().text())
                    + " leads to it at line " + other.from().line() + "): a branch ends at its fork's join ("
                    + join + ")");
        }
    }

    /** Arrows into a branch's steps from anything but the branch itself. */
    private void checkEntries(String fork, Chain chain) {
        for (int i = 0; i < chain.steps.size(); i++) {
            String step = chain.steps.get(i);
            String expected = i == 0 ? fork : chain.steps.get(i - 1);
            for (Arrow arrow : incoming.getOrDefault(step, List.of())) {
                String from = arrow.from().text();
                if (from.equals(expected) || kindOf(from) == StateKind.FORK || unchecked.contains(from)
                        || reaches(step, from)) {
                    continue;
                }
                reporter.error(arrow.from(), describe(from) + " leads into step " + step + ", which is in a branch "
                        + "of fork " + fork + ": a branch is entered only from its fork");
            }
        }
    }

    /** Checks one join: its arrow out, its self-arrows, and where the arrows into it come from. */
    void checkJoin(DiagramState state) {
        String name = state.name().text();
        for (Arrow self : selfArrows.getOrDefault(name, List.of())) {
            reporter.error(self.from(), "join " + name + " leads to itself: a join merges once; retries belong on "
                    + "steps");
        }
        List<Arrow> out = outgoing.getOrDefault(name, List.of());
        if (out.isEmpty() && !unreadable.leadingOut().contains(name)) {
            reporter.error(state.location(), "join " + name + " has no outgoing arrow: connect it to the next step "
                    + "or to [*] ('" + name + " --> [*]')");
        }
        for (Arrow extra : out.subList(Math.min(1, out.size()), out.size())) {
            reporter.error(extra.from(), "join " + name + " has more than one outgoing arrow (the first is at line "
                    + out.get(0).from().line() + "): a join leads to exactly one step or [*]");
        }
        if (!out.isEmpty() && isWait.test(out.get(0).to().text())) {
            reporter.error(out.get(0).from(), "join " + name + " leads to wait " + out.get(0).to().text()
                    + ": a join leading to a wait is not supported yet; put a step between them");
        } else if (!out.isEmpty() && !out.get(0).toEnd() && kindOf(out.get(0).to().text()) != StateKind.STEP
                && kindOf(out.get(0).to().text()) != StateKind.COMPOSITE) {
            reporter.error(out.get(0).from(), "join " + name + " leads to " + describe(out.get(0).to().text())
                    + ": a join leading to a decision, fork or join is not supported yet; put a step between them");
        }
        Map<String, Chain> forks = new LinkedHashMap<>();
        for (Arrow arrow : incoming.getOrDefault(name, List.of())) {
            String from = arrow.from().text();
            if (arrow.fromStart() || kindOf(from) != StateKind.STEP || unchecked.contains(from)) {
                continue;   // [*], decisions, forks and joins leading here are reported where they start
            }
            Chain chain = chainOfStep.get(from);
            if (chain == null && !mayBeInBranch(from) && !reaches(name, from)) {
                reporter.error(arrow.from(), "step " + from + " leads to join " + name + " but is in no branch of a "
                        + "fork: a join is reached only from the last steps of its fork's branches");
            } else if (chain != null && name.equals(joinOf(chain.fork)) && !unchecked.contains(chain.fork)) {
                forks.putIfAbsent(chain.fork, chain);
            }
        }
        List<Chain> firsts = List.copyOf(forks.values());
        for (Chain second : firsts.subList(Math.min(1, firsts.size()), firsts.size())) {
            reporter.error(second.last.from(), "join " + name + " is reached from fork " + firsts.get(0).fork
                    + " (line " + firsts.get(0).last.from().line() + ") and from fork " + second.fork
                    + ": every fork has a join of its own");
        }
    }

    /**
     * Whether a line the parser could not read may put this step in a branch: the step, or a step
     * before it in a chain, is named on such a line (an arrow from the fork, or a misspelt fork).
     */
    private boolean mayBeInBranch(String step) {
        Set<String> seen = new HashSet<>();
        String current = step;
        while (current != null && seen.add(current)) {
            if (unreadable.named().contains(current) || unreadable.untyped().contains(current)) {
                return true;
            }
            List<Arrow> in = incoming.getOrDefault(current, List.of());
            boolean fromStep = in.size() == 1 && !in.get(0).fromStart()
                    && kindOf(in.get(0).from().text()) == StateKind.STEP;
            current = fromStep ? in.get(0).from().text() : null;
        }
        return false;
    }

    /** Whether {@code to} can be reached from {@code from}: an arrow back to it closes a cycle, reported as one. */
    private boolean reaches(String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String state = queue.poll();
            if (state.equals(to)) {
                return true;
            }
            if (seen.add(state)) {
                outgoing.getOrDefault(state, List.of()).stream()
                        .filter(arrow -> !arrow.toEnd())
                        .forEach(arrow -> queue.add(arrow.to().text()));
            }
        }
        return false;
    }

    /** The join a fork's branches end at: the one its first complete branch reaches. */
    private String joinOf(String fork) {
        return branchesByFork.getOrDefault(fork, List.of()).stream()
                .filter(chain -> chain.end == End.JOIN)
                .map(Chain::join)
                .findFirst()
                .orElse(null);
    }

    /** The validated fork; only for a diagram without errors. */
    Fork fork(DiagramState state) {
        String name = state.name().text();
        List<Fork.Branch> branches = branchesByFork.get(name).stream()
                .map(chain -> new Fork.Branch(chain.steps, chain.start.from().line()))
                .toList();
        return new Fork(name, JavaNames.memberName(name).orElseThrow(), JavaNames.typeStem(name).orElseThrow(),
                branches, joinOf(name), state.location().line());
    }

    /** The validated join; only for a diagram without errors. */
    Join join(DiagramState state) {
        String name = state.name().text();
        String fork = branchesByFork.keySet().stream()
                .filter(candidate -> name.equals(joinOf(candidate)))
                .findFirst()
                .orElseThrow();
        return new Join(name, JavaNames.memberName(name).orElseThrow(), fork,
                outgoing.get(name).get(0).to().text(), state.location().line());
    }

    private String describe(String state) {
        if (state.equals(Arrow.TERMINAL)) {
            return "[*]";
        }
        StateKind kind = kindOf(state);
        String word = kind == null ? "state" : switch (kind) {
            case STEP -> "step";
            case CHOICE -> isWait.test(state) ? "wait" : "decision";
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
