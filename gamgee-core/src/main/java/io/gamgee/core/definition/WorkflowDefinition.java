package io.gamgee.core.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compiled form of one diagram: its steps, decisions, retry policies and a hash of the
 * normalized graph. Generated base classes hold one as a constant; workers read it to know what a
 * step may lead to and how often it is tried.
 *
 * <p>Instances are immutable and validated when built: every arrow leads to a declared step,
 * decision or {@link #END}.
 */
public final class WorkflowDefinition {

    /** The target name of an arrow that ends the workflow ({@code s --> [*]}). */
    public static final String END = "[*]";

    private final String workflowType;
    private final String diagramHash;
    private final String source;
    private final String firstStep;
    private final Map<String, StepDefinition> steps;
    private final Map<String, DecisionDefinition> decisions;

    private WorkflowDefinition(Builder builder) {
        this.workflowType = builder.workflowType;
        this.diagramHash = builder.diagramHash;
        this.source = builder.source;
        this.firstStep = builder.firstStep;
        this.steps = Collections.unmodifiableMap(new LinkedHashMap<>(builder.steps));
        this.decisions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.decisions));
    }

    /**
     * Starts a definition.
     *
     * @param workflowType the workflow type, e.g. {@code ConditionsWorkflow}
     * @param diagramHash a hash of the diagram's normalized graph (changes when the graph changes)
     */
    public static Builder builder(String workflowType, String diagramHash) {
        return new Builder(workflowType, diagramHash);
    }

    /** The workflow type, e.g. {@code ConditionsWorkflow}; the key instances are stored under. */
    public String workflowType() {
        return workflowType;
    }

    /** A hash of the normalized graph; stored with every instance submitted under this definition. */
    public String diagramHash() {
        return diagramHash;
    }

    /** The diagram file this definition was compiled from, relative to its source root. */
    public String source() {
        return source;
    }

    /** The step {@code [*]} leads to. */
    public String firstStep() {
        return firstStep;
    }

    /** The first step's definition. */
    public StepDefinition first() {
        return steps.get(firstStep);
    }

    /** All steps in diagram order. */
    public Map<String, StepDefinition> steps() {
        return steps;
    }

    /** All decisions in diagram order. */
    public Map<String, DecisionDefinition> decisions() {
        return decisions;
    }

    /** The step with this name, if the diagram has one. */
    public Optional<StepDefinition> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }


    @Override
    public String toString() {
        return workflowType + "@" + diagramHash;
    }

    /** Collects steps and decisions; {@link #build()} checks that every arrow has a target. */
    public static final class Builder {
        private final String workflowType;
        private final String diagramHash;
        private String source = "";
        private String firstStep;
        private final Map<String, StepDefinition> steps = new LinkedHashMap<>();
        private final Map<String, DecisionDefinition> decisions = new LinkedHashMap<>();

        private Builder(String workflowType, String diagramHash) {
            this.workflowType = requireText(workflowType, "workflowType");
            this.diagramHash = requireText(diagramHash, "diagramHash");
        }

        /** The diagram file, relative to its source root. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The step {@code [*]} leads to. */
        public Builder firstStep(String firstStep) {
            this.firstStep = requireText(firstStep, "firstStep");
            return this;
        }

        /** Adds a step. */
        public Builder step(String name, Class<?> payloadType, String next, RetryPolicy retryPolicy, int line) {
            return step(new StepDefinition(name, payloadType, next, retryPolicy, line));
        }

        /** Adds a step. */
        public Builder step(StepDefinition step) {
            if (steps.containsKey(step.name()) || decisions.containsKey(step.name())) {
                throw new IllegalArgumentException("duplicate state: " + step.name());
            }
            steps.put(step.name(), step);
            return this;
        }

        /** Adds a decision whose branches are given as label/target pairs, in order. */
        public Builder decision(String name, int line, String... labelTargetPairs) {
            if (labelTargetPairs.length % 2 != 0) {
                throw new IllegalArgumentException("branches of " + name + " must be label/target pairs");
            }
            List<DecisionDefinition.Branch> branches = new ArrayList<>();
            for (int i = 0; i < labelTargetPairs.length; i += 2) {
                branches.add(new DecisionDefinition.Branch(labelTargetPairs[i], labelTargetPairs[i + 1]));
            }
            return decision(new DecisionDefinition(name, branches, line));
        }

        /** Adds a decision. */
        public Builder decision(DecisionDefinition decision) {
            if (steps.containsKey(decision.name()) || decisions.containsKey(decision.name())) {
                throw new IllegalArgumentException("duplicate state: " + decision.name());
            }
            decisions.put(decision.name(), decision);
            return this;
        }

        /**
         * Builds the definition.
         *
         * @throws IllegalStateException if the first step is missing or an arrow leads nowhere
         */
        public WorkflowDefinition build() {
            if (firstStep == null || !steps.containsKey(firstStep)) {
                throw new IllegalStateException(workflowType + ": first step " + firstStep + " is not a step");
            }
            for (StepDefinition step : steps.values()) {
                String next = step.next();
                if (!END.equals(next) && !steps.containsKey(next) && !decisions.containsKey(next)) {
                    throw new IllegalStateException(
                            workflowType + ": step " + step.name() + " leads to unknown state " + next);
                }
            }
            for (DecisionDefinition decision : decisions.values()) {
                for (DecisionDefinition.Branch branch : decision.branches()) {
                    if (!END.equals(branch.target()) && !steps.containsKey(branch.target())) {
                        throw new IllegalStateException(workflowType + ": branch " + branch.label() + " of "
                                + decision.name() + " leads to " + branch.target() + ", which is not a step");
                    }
                }
            }
            return new WorkflowDefinition(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
