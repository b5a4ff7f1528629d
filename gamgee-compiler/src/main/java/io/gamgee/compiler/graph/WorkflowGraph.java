package io.gamgee.compiler.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A diagram that passed every check: a DAG of steps and decisions with Java names, ready for code
 * generation.
 *
 * @param workflowType the type derived from the title, e.g. {@code ConditionsWorkflow}
 * @param firstStep the step {@code [*]} leads to
 * @param steps in order of first appearance
 * @param decisions in order of declaration
 */
public record WorkflowGraph(String workflowType, String firstStep, List<Step> steps, List<Decision> decisions) {

    /** The name of the end of the workflow, as arrows and the runtime write it. */
    public static final String END = "[*]";

    public WorkflowGraph {
        Objects.requireNonNull(workflowType, "workflowType");
        Objects.requireNonNull(firstStep, "firstStep");
        steps = List.copyOf(steps);
        decisions = List.copyOf(decisions);
    }

    /** The generated base class's simple name. */
    public String baseClassName() {
        return workflowType + "Base";
    }

    /** The step with this name. */
    public Optional<Step> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** The decision with this name. */
    public Optional<Decision> decision(String name) {
        return decisions.stream().filter(decision -> decision.name().equals(name)).findFirst();
    }

    /** Steps by name. */
    public Map<String, Step> stepsByName() {
        return steps.stream().collect(Collectors.toMap(Step::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The first step. */
    public Step first() {
        return step(firstStep).orElseThrow();
    }
}
