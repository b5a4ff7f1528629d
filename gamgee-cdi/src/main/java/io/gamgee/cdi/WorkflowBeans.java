package io.gamgee.cdi;

import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowRegistry;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Registers the discovered workflow beans in a {@link WorkflowRegistry}, respecting each bean's
 * scope: a normal-scoped workflow (e.g. {@code @ApplicationScoped}) runs every step on its one
 * contextual instance, a {@code @Dependent} one gets a fresh instance per step.
 */
final class WorkflowBeans {

    private final BeanContainer container;
    private final Instance<WorkflowBase<?>> workflows;
    private final DependentWorkflows dependents = new DependentWorkflows();

    WorkflowBeans(BeanContainer container, Instance<WorkflowBase<?>> workflows) {
        this.container = container;
        this.workflows = workflows;
    }

    WorkflowRegistry registry(DiscoveredWorkflows discovered) {
        WorkflowRegistry.Builder registry = WorkflowRegistry.builder();
        for (Class<? extends WorkflowBase<?>> type : discovered.implementations()) {
            registry.register(supplier(type));
        }
        return registry.build();
    }

    /** Destroys the {@code @Dependent} workflow instances still held. */
    void destroyDependents() {
        dependents.destroyAll();
    }

    private Supplier<WorkflowBase<?>> supplier(Class<? extends WorkflowBase<?>> type) {
        Bean<?> bean = beanOf(type);
        if (container.isNormalScope(bean.getScope())) {
            // The contextual instance itself, not a client proxy: generated bases have final methods,
            // which CDI Full containers cannot proxy.
            return () -> contextualInstance(type, bean);
        }
        Instance<? extends WorkflowBase<?>> instances = workflows.select(type);
        return () -> dependents.next(instances);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private WorkflowBase<?> contextualInstance(Class<? extends WorkflowBase<?>> type, Bean bean) {
        Context context = container.getContext(bean.getScope());
        return type.cast(context.get(bean, container.createCreationalContext(bean)));
    }

    private Bean<?> beanOf(Class<?> type) {
        Set<Bean<?>> beans = container.getBeans(type, Any.Literal.INSTANCE).stream()
                .filter(bean -> bean.getBeanClass() == type)
                .collect(Collectors.toSet());
        if (beans.isEmpty()) {
            throw new IllegalStateException("Workflow bean " + type.getName() + " was discovered but cannot be"
                    + " resolved; is it vetoed or a disabled alternative?");
        }
        return container.resolve(beans);
    }
}
