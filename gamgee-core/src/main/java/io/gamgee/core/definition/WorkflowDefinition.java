package io.gamgee.core.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compiled form of one diagram: its steps, decisions, forks and joins, waits, retry policies
 * and a hash of the normalized graph. Generated base classes hold one as a constant; workers read it to know what a
 * step may lead to and how often it is tried.
 *
 * <p>Instances are immutable and validated when built: every arrow leads to a declared step,
 * decision, fork, join, wait or {@link #END}.
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
    private final Map<String, ForkDefinition> forks;
    private final Map<String, JoinDefinition> joins;
    private final Map<String, WaitDefinition> waits;

    private WorkflowDefinition(Builder builder) {
        this.workflowType = builder.workflowType;
        this.diagramHash = builder.diagramHash;
        this.source = builder.source;
        this.firstStep = builder.firstStep;
        this.steps = Collections.unmodifiableMap(new LinkedHashMap<>(builder.steps));
        this.decisions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.decisions));
        this.forks = Collections.unmodifiableMap(new LinkedHashMap<>(builder.forks));
        this.joins = Collections.unmodifiableMap(new LinkedHashMap<>(builder.joins));
        this.waits = Collections.unmodifiableMap(new LinkedHashMap<>(builder.waits));
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

    /** All forks in diagram order. */
    public Map<String, ForkDefinition> forks() {
        return forks;
    }

    /** All joins in diagram order. */
    public Map<String, JoinDefinition> joins() {
        return joins;
    }

    /** All waits in diagram order. */
    public Map<String, WaitDefinition> waits() {
        return waits;
    }

    /** The wait with this name, if the diagram has one. */
    public Optional<WaitDefinition> waitState(String name) {
        return Optional.ofNullable(waits.get(name));
    }

    /** The step with this name, if the diagram has one. */
    public Optional<StepDefinition> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    /** The fork with this name, if the diagram has one. */
    public Optional<ForkDefinition> fork(String name) {
        return Optional.ofNullable(forks.get(name));
    }

    /** The join with this name, if the diagram has one. */
    public Optional<JoinDefinition> join(String name) {
        return Optional.ofNullable(joins.get(name));
    }


    @Override
    public String toString() {
        return workflowType + "@" + diagramHash;
    }

    /** Collects steps, decisions, forks and joins; {@link #build()} checks that every arrow has a target. */
    public static final class Builder {
        private final String workflowType;
        private final String diagramHash;
        private String source = "";
        private String firstStep;
        private final Map<String, StepDefinition> steps = new LinkedHashMap<>();
        private final Map<String, DecisionDefinition> decisions = new LinkedHashMap<>();
        private final Map<String, ForkDefinition> forks = new LinkedHashMap<>();
        private final Map<String, JoinDefinition> joins = new LinkedHashMap<>();
        private final Map<String, WaitDefinition> waits = new LinkedHashMap<>();

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

        /** Adds a step whose next step starts {@code delay} after it ({@code a --> b: after 10m}). */
        public Builder step(String name, Class<?> payloadType, String next, RetryPolicy retryPolicy, int line,
                Duration delay) {
            return step(new StepDefinition(name, payloadType, next, retryPolicy, line, delay));
        }

        /** Adds a step. */
        public Builder step(StepDefinition step) {
            requireNew(step.name());
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
            requireNew(decision.name());
            decisions.put(decision.name(), decision);
            return this;
        }

        /** Adds a fork whose branches start at {@code firstSteps}, in order, and end at {@code join}. */
        public Builder fork(String name, String join, int line, String... firstSteps) {
            return fork(new ForkDefinition(name, List.of(firstSteps), join, line));
        }

        /** Adds a fork. */
        public Builder fork(ForkDefinition fork) {
            requireNew(fork.name());
            forks.put(fork.name(), fork);
            return this;
        }

        /** Adds a join that leads to {@code next}, with one input per branch in the fork's branch order. */
        public Builder join(String name, String next, int line, JoinDefinition.Input... inputs) {
            return join(new JoinDefinition(name, List.of(inputs), next, line));
        }

        /** Adds a join. */
        public Builder join(JoinDefinition join) {
            requireNew(join.name());
            joins.put(join.name(), join);
            return this;
        }

        /** Adds a wait. */
        public Builder await(WaitDefinition wait) {
            requireNew(wait.name());
            waits.put(wait.name(), wait);
            return this;
        }

        private void requireNew(String name) {
            if (steps.containsKey(name) || decisions.containsKey(name) || forks.containsKey(name)
                    || joins.containsKey(name) || waits.containsKey(name)) {
                throw new IllegalArgumentException("duplicate state: " + name);
            }
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
                if (!END.equals(next) && !steps.containsKey(next) && !decisions.containsKey(next)
                        && !forks.containsKey(next) && !joins.containsKey(next) && !waits.containsKey(next)) {
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
            forks.values().forEach(this::checkFork);
            waits.values().forEach(this::checkWait);
            for (JoinDefinition join : joins.values()) {
                if (!END.equals(join.next()) && !steps.containsKey(join.next())) {
                    throw new IllegalStateException(workflowType + ": join " + join.name() + " leads to "
                            + join.next() + ", which is not a step");
                }
            }
            return new WorkflowDefinition(this);
        }

        /** A wait's branches lead to steps (or the end), and each event carries its target's payload type. */
        private void checkWait(WaitDefinition wait) {
            for (WaitDefinition.On on : wait.events()) {
                Class<?> expected = END.equals(on.target()) ? Void.class
                        : Optional.ofNullable(steps.get(on.target())).map(StepDefinition::payloadType)
                                .orElseThrow(() -> new IllegalStateException(workflowType + ": event " + on.event()
                                        + " of wait " + wait.name() + " leads to " + on.target()
                                        + ", which is not a step"));
                if (!expected.equals(on.payloadType())) {
                    throw new IllegalStateException(workflowType + ": event " + on.event() + " of wait " + wait.name()
                            + " carries a " + on.payloadType().getName() + " but its target " + on.target()
                            + " takes a " + expected.getName());
                }
            }
            wait.after().ifPresent(after -> {
                if (!END.equals(after.target()) && !steps.containsKey(after.target())) {
                    throw new IllegalStateException(workflowType + ": the timer of wait " + wait.name() + " leads to "
                            + after.target() + ", which is not a step");
                }
            });
        }

        /** A fork's branches are steps and end, in the same order, at a join whose inputs match them. */
        private void checkFork(ForkDefinition fork) {
            JoinDefinition join = joins.get(fork.join());
            if (join == null) {
                throw new IllegalStateException(workflowType + ": fork " + fork.name() + " ends at " + fork.join()
                        + ", which is not a join");
            }
            if (join.inputs().size() != fork.branches().size()) {
                throw new IllegalStateException(workflowType + ": fork " + fork.name() + " has "
                        + fork.branches().size() + " branches but join " + join.name() + " takes "
                        + join.inputs().size());
            }
            for (String first : fork.branches()) {
                if (!steps.containsKey(first)) {
                    throw new IllegalStateException(workflowType + ": a branch of fork " + fork.name() + " starts at "
                            + first + ", which is not a step");
                }
            }
            for (JoinDefinition.Input input : join.inputs()) {
                StepDefinition last = steps.get(input.lastStep());
                if (last == null || !last.next().equals(join.name())) {
                    throw new IllegalStateException(workflowType + ": join " + join.name() + " takes the result of "
                            + input.lastStep() + ", which is not a step leading to it");
                }
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
