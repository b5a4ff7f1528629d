package io.gamgee.cdi;

import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds workflow implementation beans in CDI Lite containers (Quarkus ArC), which run no portable
 * extensions; the same rules as {@link GamgeePortableExtension}, which replaces this one wherever
 * portable extensions run. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension}.
 */
@SkipIfPortableExtensionPresent(GamgeePortableExtension.class)
public class GamgeeBuildCompatibleExtension implements BuildCompatibleExtension {

    private static final String IMPLEMENTATIONS = "implementations";

    private final WorkflowDiscovery discovery = new WorkflowDiscovery();
    private final List<ClassInfo> implementations = new ArrayList<>();

    /**
     * Records every concrete class bean extending a generated base. Registration matches bean types
     * exactly, and a workflow's type is the parameterized {@code WorkflowBase<FirstPayload>}, so
     * this looks at every bean ({@code Object}) and walks its superclasses.
     */
    @Registration(types = Object.class)
    public void workflowBean(BeanInfo bean) {
        if (!bean.isClassBean() || bean.declaringClass().isAbstract()) {
            return;
        }
        ClassInfo implementation = bean.declaringClass();
        ClassInfo generatedBase = generatedBase(implementation);
        if (generatedBase != null) {
            discovery.implementation(implementation.name(), generatedBase.name());
            implementations.add(implementation);
        }
    }

    /** Makes the {@link DiscoveredWorkflows} bean. */
    @Synthesis
    public void discoveredWorkflows(SyntheticComponents components) {
        components.addBean(DiscoveredWorkflows.class)
                .type(DiscoveredWorkflows.class)
                .scope(Singleton.class)
                .withParam(IMPLEMENTATIONS, implementations.toArray(ClassInfo[]::new))
                .createWith(Creator.class);
    }

    /** Fails deployment on two implementations of one workflow type. */
    @Validation
    public void oneBeanPerWorkflowType(Messages messages) {
        discovery.problems().forEach(messages::error);
    }

    /** The ancestor that directly extends {@code WorkflowBase}, or {@code null} if there is none. */
    private static ClassInfo generatedBase(ClassInfo implementation) {
        ClassInfo type = implementation;
        ClassInfo superClass = type.superClassDeclaration();
        while (superClass != null && !superClass.name().equals(Object.class.getName())) {
            if (superClass.name().equals(WorkflowDiscovery.WORKFLOW_BASE)) {
                return type;
            }
            type = superClass;
            superClass = type.superClassDeclaration();
        }
        return null;
    }

    /** Turns the build-time class list into the runtime bean. */
    public static final class Creator implements SyntheticBeanCreator<DiscoveredWorkflows> {

        @Override
        public DiscoveredWorkflows create(Instance<Object> lookup, Parameters params) {
            Class<?>[] classes = params.get(IMPLEMENTATIONS, Class[].class, new Class<?>[0]);
            return new DiscoveredWorkflows(
                    Arrays.stream(classes).<Class<? extends io.gamgee.core.WorkflowBase<?>>>map(
                            DiscoveredWorkflows::asWorkflowClass).toList(),
                    DiscoveredWorkflows.Discovery.BUILD_COMPATIBLE_EXTENSION);
        }
    }
}
