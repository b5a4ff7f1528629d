package io.gamgee.compiler.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A diagram that passed every check: a DAG of steps, decisions, forks, joins and waits with Java names,
 * ready for code generation.
 *
 * @param workflowType the type derived from the title, e.g. {@code ConditionsWorkflow}
 * @param firstStep the step {@code [*]} leads to
 * @param steps in order of first appearance
 * @param decisions in order of declaration
 * @param forks in order of declaration
 * @param joins in order of declaration
 * @param waits in order of declaration
 * @param stepsByName the steps, indexed (derived from {@code steps})
 * @param decisionsByName the decisions, indexed (derived from {@code decisions})
 * @param forksByName the forks, indexed (derived from {@code forks})
 * @param joinsByName the joins, indexed (derived from {@code joins})
 * @param waitsByName the waits, indexed (derived from {@code waits})
 */
public record WorkflowGraph(String workflowType, String firstStep, List<Step> steps, List<Decision> decisions,
        List<Fork> forks, List<Join> joins, List<Wait> waits, Map<String, Step> stepsByName,
        Map<String, Decision> decisionsByName, Map<String, Fork> forksByName, Map<String, Join> joinsByName,
        Map<String, Wait> waitsByName) {

    /** The name of the end of the workflow, as arrows and the runtime write it. */
    public static final String END = "[*]";

    public WorkflowGraph {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(firstStep, "firstStep");
        steps = List.copyOf(steps);
        decisions = List.copyOf(decisions);
        forks = List.copyOf(forks);
        joins = List.copyOf(joins);
        waits = List.copyOf(waits);
        stepsByName = index(steps, Step::name);
        decisionsByName = index(decisions, Decision::name);
        forksByName = index(forks, Fork::name);
        joinsByName = index(joins, Join::name);
        waitsByName = index(waits, Wait::name);
    }

    /** A graph of these steps and decisions, without forks. */
    public WorkflowGraph(String workflowType, String firstStep, List<Step> steps, List<Decision> decisions) {
        this(workflowType, firstStep, steps, decisions, List.of(), List.of());
    }

    /** A graph of these steps, decisions, forks and joins. */
    public WorkflowGraph(String workflowType, String firstStep, List<Step> steps, List<Decision> decisions,
            List<Fork> forks, List<Join> joins) {
        this(workflowType, firstStep, steps, decisions, forks, joins, List.of());
    }

    /** A graph of these steps, decisions, forks, joins and waits. */
    public WorkflowGraph(String workflowType, String firstStep, List<Step> steps, List<Decision> decisions,
            List<Fork> forks, List<Join> joins, List<Wait> waits) {
        this(workflowType, firstStep, steps, decisions, forks, joins, waits, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> name) {
        return Collections.unmodifiableMap(values.stream()
                .collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, LinkedHashMap::new)));
    }

    /** The generated base class's simple name. */
    public String baseClassName() {
        return workflowType + "Base";
    }

    /** The step with this name. */
    public Optional<Step> step(String name) {
        return Optional.ofNullable(stepsByName.get(name));
    }

    /** The decision with this name. */
    public Optional<Decision> decision(String name) {
        return Optional.ofNullable(decisionsByName.get(name));
    }

    /** The fork with this name. */
    public Optional<Fork> fork(String name) {
        return Optional.ofNullable(forksByName.get(name));
    }

    /** The join with this name. */
    public Optional<Join> join(String name) {
        return Optional.ofNullable(joinsByName.get(name));
    }

    /** The wait with this name. */
    public Optional<Wait> waitState(String name) {
        return Optional.ofNullable(waitsByName.get(name));
    }

    /** Whether any wait has a timer, so that the base implements {@code executeTimer}. */
    public boolean hasTimers() {
        return waits.stream().anyMatch(wait -> wait.timer().isPresent());
    }

    /** The fork whose branches end at {@code join}. */
    public Fork forkOf(Join join) {
        return fork(join.fork()).orElseThrow();
    }

    /** The first step. */
    public Step first() {
        return step(firstStep).orElseThrow();
    }
}
