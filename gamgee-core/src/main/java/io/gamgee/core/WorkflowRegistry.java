package io.gamgee.core;

import io.gamgee.core.definition.JoinDefinition;
import io.gamgee.core.definition.StepDefinition;
import io.gamgee.core.definition.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The workflows a worker can run, by workflow type. Each workflow is registered as a supplier
 * that is called once per step execution, so a supplier may hand out a fresh object each time
 * ({@code ConditionsWorkflow::new}, a CDI {@code @Dependent} bean) or one shared object
 * ({@code () -> workflow}).
 *
 * <p>A workflow type is registered once. Registering it again is an error, also with the same
 * diagram hash: two suppliers for one type would leave it open which one runs. When the hashes
 * differ, the message names both definitions, which usually means two versions of a diagram on the
 * class path.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowRegistry {

    private final Map<String, Registration> registrations;

    private WorkflowRegistry(Map<String, Registration> registrations) {
        this.registrations = Collections.unmodifiableMap(new LinkedHashMap<>(registrations));
    }

    /**
     * A registry of these workflows.
     *
     * @throws IllegalArgumentException when a workflow type is registered twice
     */
    @SafeVarargs
    public static WorkflowRegistry of(Supplier<? extends WorkflowBase<?>>... workflows) {
        Builder builder = builder();
        for (Supplier<? extends WorkflowBase<?>> workflow : workflows) {
            builder.register(workflow);
        }
        return builder.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Wakes this registry's workers in this JVM when its clients submit. */
    private final WakeSignal signal = new WakeSignal();

    /** The signal this registry's clients give and its workers wait on. */
    WakeSignal signal() {
        return signal;
    }

    /** The registered workflow types, in registration order. */
    public Set<String> workflowTypes() {
        return registrations.keySet();
    }

    /** The registration of {@code workflowType}. */
    public Optional<Registration> find(String workflowType) {
        return Optional.ofNullable(registrations.get(workflowType));
    }

    /** The definition registered for {@code workflowType}. */
    public Optional<WorkflowDefinition> definition(String workflowType) {
        return find(workflowType).map(Registration::definition);
    }

    /**
     * The registration whose workflow is a {@code type} (a subclass counts, so CDI proxies match).
     *
     * @throws IllegalArgumentException when no registered workflow is a {@code type}
     */
    public Registration registrationOf(Class<?> type) {
        Objects.requireNonNull(type, "type");
        for (Registration registration : registrations.values()) {
            if (type.isAssignableFrom(registration.workflowClass())) {
                return registration;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not registered; registered workflow types: "
                + registrations.keySet());
    }

    /**
     * One registered workflow.
     *
     * @param definition the workflow's compiled diagram
     * @param workflowClass the class the supplier returned at registration
     * @param supplier called for each step execution
     */
    public record Registration(WorkflowDefinition definition, Class<?> workflowClass,
            Supplier<? extends WorkflowBase<?>> supplier) {

        /** An object to run one step with. */
        public WorkflowBase<?> newWorkflow() {
            WorkflowBase<?> workflow = supplier.get();
            if (workflow == null) {
                throw new IllegalStateException("the supplier of " + definition.workflowType() + " returned null");
            }
            return workflow;
        }
    }

    /** Collects workflows; see {@link WorkflowRegistry} for the rules. */
    public static final class Builder {
        private final Map<String, Registration> registrations = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers a workflow. The supplier is called once now, to read the definition.
         *
         * @throws IllegalArgumentException when its workflow type is already registered
         */
        public Builder register(Supplier<? extends WorkflowBase<?>> workflow) {
            Objects.requireNonNull(workflow, "workflow");
            WorkflowBase<?> sample = workflow.get();
            if (sample == null) {
                throw new IllegalArgumentException("a workflow supplier returned null");
            }
            WorkflowDefinition definition = sample.definition();
            checkPayloads(definition);
            Registration existing = registrations.get(definition.workflowType());
            if (existing != null) {
                throw new IllegalArgumentException(duplicateMessage(existing, definition, sample.getClass()));
            }
            registrations.put(definition.workflowType(), new Registration(definition, sample.getClass(), workflow));
            return this;
        }

        /** Fails now, rather than after a step's side effects, for payloads JSON cannot carry. */
        private static void checkPayloads(WorkflowDefinition definition) {
            List<String> problems = new ArrayList<>();
            for (StepDefinition step : definition.steps().values()) {
                String problem = PayloadCodec.problemWith(step.payloadType());
                if (problem != null) {
                    problems.add("step " + step.name() + " takes a " + step.payloadType().getName() + ", but " + problem);
                }
            }
            for (JoinDefinition join : definition.joins().values()) {
                for (JoinDefinition.Input input : join.inputs()) {
                    String problem = PayloadCodec.problemWith(input.resultType());
                    if (problem != null) {
                        problems.add("step " + input.lastStep() + " returns a " + input.resultType().getName()
                                + " to join " + join.name() + ", but " + problem);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("workflow " + definition.workflowType() + " cannot be registered: "
                        + String.join("; ", problems));
            }
        }

        private static String duplicateMessage(Registration existing, WorkflowDefinition added, Class<?> addedClass) {
            WorkflowDefinition first = existing.definition();
            if (!first.diagramHash().equals(added.diagramHash())) {
                return "workflow type " + added.workflowType() + " is registered with two different definitions: "
                        + describe(first, existing.workflowClass()) + " and " + describe(added, addedClass)
                        + "; keep one diagram per workflow type";
            }
            return "workflow type " + added.workflowType() + " is registered twice (" + existing.workflowClass().getName()
                    + " and " + addedClass.getName() + "); register each workflow once";
        }

        private static String describe(WorkflowDefinition definition, Class<?> type) {
            String source = definition.source().isEmpty() ? "" : " from " + definition.source();
            return type.getName() + " (hash " + definition.diagramHash() + source + ")";
        }

        /** The registry. */
        public WorkflowRegistry build() {
            return new WorkflowRegistry(registrations);
        }
    }
}
