package io.gamgee.it.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.DiscoveredWorkflows;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Weld SE application with the default embedded H2 store, booted the standard way. */
class WeldApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    @BeforeEach
    void configure() {
        System.setProperty("gamgee.store.directory", data.toString());
        System.setProperty("gamgee.workers.drain-timeout", "1s");
    }

    @AfterEach
    void clear() {
        System.clearProperty("gamgee.store.directory");
        System.clearProperty("gamgee.workers.drain-timeout");
        System.clearProperty("it.gate.closed");
    }

    @Test
    void anInjectedClientSubmitsAndTheContainersWorkersCompleteTheWorkflow() {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            WorkflowClient client = container.select(WorkflowClient.class).get();

            String id = client.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

            await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
            assertThat(container.select(Guestbook.class).get().entries()).containsExactly("Hello, Ada!");
            assertThat(client.history(id)).extracting(StepRecord::step).containsExactly("greet", "hold", "record");
            assertThat(container.select(DiscoveredWorkflows.class).get().discovery())
                    .isEqualTo(DiscoveredWorkflows.Discovery.PORTABLE_EXTENSION);
        }
    }

    @Test
    void aWorkflowStoppedWithItsContainerResumesInTheNextContainerFromTheH2Files() throws Exception {
        System.setProperty("it.gate.closed", "true");
        String id;
        try (SeContainer first = SeContainerInitializer.newInstance().initialize()) {
            WorkflowClient client = first.select(WorkflowClient.class).get();
            id = client.submit(GreetingWorkflow.class, new GreetPayload("Grace"));

            assertThat(first.select(Gate.class).get().awaitArrival(TIMEOUT)).isTrue();
            assertThat(client.status(id).orElseThrow().step()).isEqualTo("hold");
            assertThat(first.select(Greeter.class).get().greetings()).isEqualTo(1);
        }
        System.clearProperty("it.gate.closed");

        try (SeContainer second = SeContainerInitializer.newInstance().initialize()) {
            WorkflowClient client = second.select(WorkflowClient.class).get();

            await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
            assertThat(second.select(Guestbook.class).get().entries()).containsExactly("Hello, Grace!");
            // greet ran in the first container only: the second resumed at hold
            assertThat(second.select(Greeter.class).get().greetings()).isZero();
            assertThat(client.history(id)).extracting(StepRecord::step).containsExactly("greet", "hold", "record");
        }
    }

    @Test
    void aDependentWorkflowRunsEachStepOnAFreshInstanceThatIsDestroyedAfterwards() {
        CountingWorkflow.DESTROYED.clear();
        List<String> entries;
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            WorkflowClient client = container.select(WorkflowClient.class).get();
            String id = client.submit(CountingWorkflow.class, new FirstPayload(1));

            await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
            entries = container.select(Guestbook.class).get().entries();
        }

        assertThat(entries).hasSize(2);
        int first = identity(entries.get(0), "first@");
        int second = identity(entries.get(1), "second@");
        assertThat(first).isNotEqualTo(second);
        assertThat(CountingWorkflow.DESTROYED).contains(first, second);
    }

    @Test
    void twoImplementationsOfOneWorkflowFailDeploymentNamingBoth() {
        SeContainerInitializer initializer = SeContainerInitializer.newInstance()
                .addBeanClasses(SecondGreetingWorkflow.class);

        assertThatThrownBy(initializer::initialize)
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Workflow GreetingWorkflow has 2 implementation beans")
                .hasMessageContaining(GreetingWorkflow.class.getName())
                .hasMessageContaining(SecondGreetingWorkflow.class.getName());
    }

    private static int identity(String entry, String prefix) {
        assertThat(entry).startsWith(prefix);
        return Integer.parseInt(entry.substring(prefix.length()));
    }
}
