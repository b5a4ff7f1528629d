package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.dependent.FreshGreetingWorkflow;
import io.gamgee.cdi.greeting.GreetPayload;
import io.gamgee.cdi.greeting.GreetingWorkflow;
import io.gamgee.cdi.greeting.Guestbook;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateStore;
import io.gamgee.test.InMemoryStateStore;
import java.time.Duration;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagedWorkersTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("gamgee.workers.enabled");
    }

    @Test
    void workersStartWithTheContainerAndRunTheApplicationScopedBeanWithItsInjectedService() {
        try (WeldContainer container = weld(GreetingWorkflow.class).initialize()) {
            GamgeeRuntime runtime = container.select(GamgeeRuntime.class).get();
            assertThat(runtime.store()).isInstanceOf(InMemoryStateStore.class);

            WorkflowClient client = container.select(WorkflowClient.class).get();
            String id = client.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

            Guestbook guestbook = container.select(Guestbook.class).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> completed(runtime.store(), id));
            assertThat(guestbook.entries()).containsExactly("Hello, Ada!");
            assertThat(guestbook.workflowInstances()).hasSize(2);
            assertThat(guestbook.workflowInstances().get(0)).isSameAs(guestbook.workflowInstances().get(1));
        }
    }

    @Test
    void aDependentWorkflowGetsAFreshInstancePerStepAndEachIsDestroyed() {
        FreshGreetingWorkflow.DESTROYED.clear();
        WeldContainer container = weld(FreshGreetingWorkflow.class).initialize();
        Guestbook guestbook = container.select(Guestbook.class).get();
        GamgeeRuntime runtime = container.select(GamgeeRuntime.class).get();
        List<Object> executedBy;
        try {
            String id = container.select(WorkflowClient.class).get()
                    .submit(FreshGreetingWorkflow.class, new GreetPayload("Grace"));
            await().atMost(Duration.ofSeconds(10)).until(() -> completed(runtime.store(), id));
            assertThat(guestbook.entries()).containsExactly("Hello, Grace!");
            executedBy = guestbook.workflowInstances();
        } finally {
            container.shutdown();
        }

        assertThat(executedBy).hasSize(2).doesNotHaveDuplicates();
        assertThat(FreshGreetingWorkflow.DESTROYED).containsAll(executedBy);
    }

    @Test
    void aSubmitOnlyNodeRunsNoWorkers() {
        System.setProperty("gamgee.workers.enabled", "false");
        try (WeldContainer container = weld(GreetingWorkflow.class).initialize()) {
            GamgeeRuntime runtime = container.select(GamgeeRuntime.class).get();
            String id = container.select(WorkflowClient.class).get()
                    .submit(GreetingWorkflow.class, new GreetPayload("Edsger"));

            assertThat(runtime.workers()).isNull();
            assertThat(runtime.store().find(id).orElseThrow().status()).isEqualTo(InstanceStatus.WAITING);
        }
    }

    private static boolean completed(StateStore store, String id) {
        return store.find(id).map(instance -> instance.status() == InstanceStatus.COMPLETED).orElse(false);
    }

    private static Weld weld(Class<?> workflow) {
        return new Weld()
                .disableDiscovery()
                .addExtension(new GamgeePortableExtension())
                .addBeanClasses(workflow, Guestbook.class, InMemoryStoreProducer.class, GamgeeRuntime.class);
    }
}
