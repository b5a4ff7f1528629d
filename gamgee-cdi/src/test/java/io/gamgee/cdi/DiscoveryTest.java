package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.cdi.duplicate.OtherGreetingWorkflow;
import io.gamgee.cdi.greeting.GreetingWorkflow;
import io.gamgee.cdi.greeting.Guestbook;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    @Test
    void theFullContainerRunsThePortableExtensionAndFindsTheWorkflowBean() {
        try (WeldContainer container = weld().addBeanClasses(GreetingWorkflow.class, Guestbook.class).initialize()) {
            DiscoveredWorkflows discovered = container.select(DiscoveredWorkflows.class).get();

            assertThat(discovered.discovery()).isEqualTo(DiscoveredWorkflows.Discovery.PORTABLE_EXTENSION);
            assertThat(discovered.implementations()).containsExactly(GreetingWorkflow.class);
        }
    }

    @Test
    void twoImplementationsOfOneWorkflowTypeFailDeploymentNamingBoth() {
        Weld weld = weld().addBeanClasses(GreetingWorkflow.class, OtherGreetingWorkflow.class, Guestbook.class);

        assertThatThrownBy(weld::initialize)
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Workflow GreetingWorkflow has 2 implementation beans")
                .hasMessageContaining(GreetingWorkflow.class.getName())
                .hasMessageContaining(OtherGreetingWorkflow.class.getName());
    }

    @Test
    void workflowTypeFollowsTheGeneratedBaseName() {
        assertThat(WorkflowDiscovery.workflowType("com.example.OrderWorkflowBase")).isEqualTo("OrderWorkflow");
    }

    private static Weld weld() {
        return new Weld().disableDiscovery().addExtension(new GamgeePortableExtension());
    }
}
