package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules both extensions share. */
class WorkflowDiscoveryTest {

    @Test
    void oneImplementationPerGeneratedBaseIsDeployable() {
        WorkflowDiscovery discovery = new WorkflowDiscovery();
        discovery.implementation("com.example.OrderWorkflow", "com.example.OrderWorkflowBase");
        discovery.implementation("com.example.RefundWorkflow", "com.example.RefundWorkflowBase");

        assertThat(discovery.problems()).isEmpty();
        assertThat(discovery.implementations()).containsExactly("com.example.OrderWorkflow", "com.example.RefundWorkflow");
    }

    @Test
    void eachWorkflowTypeWithSeveralImplementationsIsOneProblemNamingThemAll() {
        WorkflowDiscovery discovery = new WorkflowDiscovery();
        discovery.implementation("com.example.OrderWorkflow", "com.example.OrderWorkflowBase");
        discovery.implementation("com.example.legacy.OldOrderWorkflow", "com.example.OrderWorkflowBase");
        discovery.implementation("com.example.RefundWorkflow", "com.example.RefundWorkflowBase");

        assertThat(discovery.problems()).containsExactly("Workflow OrderWorkflow has 2 implementation beans:"
                + " com.example.OrderWorkflow and com.example.legacy.OldOrderWorkflow. Workers need exactly one bean"
                + " per workflow type: remove the others, or annotate them @Vetoed or as a disabled @Alternative.");
    }

    @Test
    void theSameBeanSeenTwiceIsNotADuplicate() {
        WorkflowDiscovery discovery = new WorkflowDiscovery();
        discovery.implementation("com.example.OrderWorkflow", "com.example.OrderWorkflowBase");
        discovery.implementation("com.example.OrderWorkflow", "com.example.OrderWorkflowBase");

        assertThat(discovery.problems()).isEmpty();
    }
}
