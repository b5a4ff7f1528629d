package io.gamgee.cdi;

import io.gamgee.core.WorkflowBase;
import java.util.List;
import java.util.Objects;

/**
 * The workflow implementation beans that the container's Gamgee extension found at deployment. A
 * bean ({@code @Singleton}) made by whichever extension ran: the portable extension in CDI Full
 * containers (Weld SE, Helidon MP), the build compatible one in CDI Lite (Quarkus).
 */
public final class DiscoveredWorkflows {

    /** Which extension discovered the workflows. */
    public enum Discovery {
        /** {@link GamgeePortableExtension}, in CDI Full containers. */
        PORTABLE_EXTENSION,
        /** {@link GamgeeBuildCompatibleExtension}, in CDI Lite containers. */
        BUILD_COMPATIBLE_EXTENSION
    }

    private final List<Class<? extends WorkflowBase<?>>> implementations;
    private final Discovery discovery;

    DiscoveredWorkflows(List<Class<? extends WorkflowBase<?>>> implementations, Discovery discovery) {
        this.implementations = List.copyOf(implementations);
        this.discovery = Objects.requireNonNull(discovery, "discovery");
    }

    /** The concrete workflow bean classes, one per workflow type. */
    public List<Class<? extends WorkflowBase<?>>> implementations() {
        return implementations;
    }

    /** Which extension found them. */
    public Discovery discovery() {
        return discovery;
    }

    @SuppressWarnings("unchecked")
    static Class<? extends WorkflowBase<?>> asWorkflowClass(Class<?> type) {
        if (!WorkflowBase.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not extend " + WorkflowBase.class.getName());
        }
        return (Class<? extends WorkflowBase<?>>) type;
    }

    @Override
    public String toString() {
        return "DiscoveredWorkflows" + implementations.stream().map(Class::getName).toList() + " by " + discovery;
    }
}
