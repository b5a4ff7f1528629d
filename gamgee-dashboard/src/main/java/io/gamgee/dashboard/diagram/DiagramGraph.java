package io.gamgee.dashboard.diagram;

import io.gamgee.core.definition.DecisionDefinition;
import io.gamgee.core.definition.ForkDefinition;
import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.RetryPolicy;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.WaitDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawable shape of a {@link WorkflowDefinition}: one node per state of the diagram, a start and
 * an end node, and one edge per arrow, labelled as the diagram labels it. Self-arrows (retry
 * settings) are kept on their step rather than as edges, since they are drawn as a loop beside it.
 */
final class DiagramGraph {

    /** The node id of the start, {@code [*]} on the left of an arrow. */
    static final String START = "[*]start";
    /** The node id of the end, {@code [*]} on the right of an arrow. */
    static final String END = "[*]end";

    /** What a node is drawn as. */
    enum Kind { START, END, STEP, DECISION, WAIT, FORK, JOIN }

    /**
     * One state.
     *
     * @param id the state's name ({@link #START} and {@link #END} for the two {@code [*]})
     * @param kind its shape
     * @param retry the step's retry label ({@code attempts=3, backoffMs=500}), or {@code null}
     */
    record Node(String id, Kind kind, String retry) {
        /** Whether instances can stand here, so that it shows counts. */
        boolean holdsInstances() {
            return kind == Kind.STEP || kind == Kind.WAIT || kind == Kind.JOIN;
        }
    }

    /**
     * One arrow.
     *
     * @param from the source node's id
     * @param to the target node's id
     * @param label the arrow's label, or {@code null}
     */
    record Edge(String from, String to, String label) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    private DiagramGraph() {
    }

    /** The graph of {@code definition}. */
    static DiagramGraph of(WorkflowDefinition definition) {
        DiagramGraph graph = new DiagramGraph();
        graph.add(new Node(START, Kind.START, null));
        for (StepDefinition step : definition.steps().values()) {
            graph.add(new Node(step.name(), Kind.STEP, retryLabel(step.retryPolicy())));
        }
        definition.decisions().keySet().forEach(name -> graph.add(new Node(name, Kind.DECISION, null)));
        definition.waits().keySet().forEach(name -> graph.add(new Node(name, Kind.WAIT, null)));
        definition.forks().keySet().forEach(name -> graph.add(new Node(name, Kind.FORK, null)));
        definition.joins().keySet().forEach(name -> graph.add(new Node(name, Kind.JOIN, null)));
        graph.add(new Node(END, Kind.END, null));

        graph.edges.add(new Edge(START, definition.firstStep(), null));
        for (StepDefinition step : definition.steps().values()) {
            graph.edges.add(new Edge(step.name(), target(step.next()),
                    step.delay().isZero() ? null : "after " + describe(step.delay())));
        }
        for (DecisionDefinition decision : definition.decisions().values()) {
            for (DecisionDefinition.Branch branch : decision.branches()) {
                graph.edges.add(new Edge(decision.name(), target(branch.target()), branch.label()));
            }
        }
        for (WaitDefinition wait : definition.waits().values()) {
            for (WaitDefinition.On on : wait.events()) {
                graph.edges.add(new Edge(wait.name(), target(on.target()), "on " + on.event()));
            }
            wait.after().ifPresent(after -> graph.edges.add(
                    new Edge(wait.name(), target(after.target()), "after " + describe(after.delay()))));
        }
        for (ForkDefinition fork : definition.forks().values()) {
            fork.branches().forEach(first -> graph.edges.add(new Edge(fork.name(), first, null)));
        }
        for (JoinDefinition join : definition.joins().values()) {
            graph.edges.add(new Edge(join.name(), target(join.next()), null));
        }
        return graph;
    }

    private void add(Node node) {
        nodes.put(node.id(), node);
    }

    Map<String, Node> nodes() {
        return nodes;
    }

    List<Edge> edges() {
        return edges;
    }

    private static String target(String name) {
        return WorkflowDefinition.END.equals(name) ? END : name;
    }

    /** The self-arrow's label as the diagram would write it, or {@code null} for the default policy. */
    static String retryLabel(RetryPolicy policy) {
        if (policy.equals(RetryPolicy.DEFAULT)) {
            return null;
        }
        StringBuilder label = new StringBuilder("attempts=").append(policy.attempts());
        if (policy.backoffMs() != RetryPolicy.DEFAULT.backoffMs()) {
            label.append(", backoffMs=").append(policy.backoffMs());
        }
        if (policy.timeoutMs() != 0) {
            label.append(", timeoutMs=").append(policy.timeoutMs());
        }
        return label.toString();
    }

    /** A duration as the diagram language writes it: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 3d}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i] && millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }
}
