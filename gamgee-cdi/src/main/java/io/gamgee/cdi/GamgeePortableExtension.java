package io.gamgee.cdi;

import io.gamgee.core.WorkflowBase;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.inject.Singleton;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds workflow implementation beans in CDI Full containers (Weld SE, Helidon MP): every concrete
 * managed bean class extending a generated {@code *WorkflowBase}. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public class GamgeePortableExtension implements Extension {

    private final WorkflowDiscovery discovery = new WorkflowDiscovery();
    private final List<Class<? extends WorkflowBase<?>>> implementations = new ArrayList<>();

    void managedBean(@Observes ProcessManagedBean<?> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        if (!WorkflowBase.class.isAssignableFrom(beanClass) || Modifier.isAbstract(beanClass.getModifiers())) {
            return;
        }
        discovery.implementation(beanClass.getName(), generatedBase(beanClass).getName());
        implementations.add(DiscoveredWorkflows.asWorkflowClass(beanClass));
    }

    void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
        DiscoveredWorkflows discovered =
                new DiscoveredWorkflows(implementations, DiscoveredWorkflows.Discovery.PORTABLE_EXTENSION);
        event.addBean()
                .beanClass(GamgeePortableExtension.class)
                .types(DiscoveredWorkflows.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> discovered);
    }

    void afterDeploymentValidation(@Observes AfterDeploymentValidation event) {
        discovery.problems().forEach(problem -> event.addDeploymentProblem(new DeploymentException(problem)));
    }

    private static Class<?> generatedBase(Class<?> implementation) {
        Class<?> type = implementation;
        while (type.getSuperclass() != WorkflowBase.class) {
            type = type.getSuperclass();
        }
        return type;
    }
}
