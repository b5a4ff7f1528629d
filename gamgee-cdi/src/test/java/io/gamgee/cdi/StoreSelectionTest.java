package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.greeting.GreetPayload;
import io.gamgee.cdi.greeting.GreetingWorkflow;
import io.gamgee.cdi.greeting.Guestbook;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StoreConfigurationException;
import io.gamgee.jpa.JpaStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an application StateStore bean, the configuration decides where state lives. */
class StoreSelectionTest {

    @TempDir
    Path data;

    @AfterEach
    void clearProperties() {
        System.clearProperty("gamgee.store.directory");
        System.clearProperty("gamgee.store.jdbc-url");
        System.clearProperty("gamgee.store.create-schema");
    }

    @Test
    void withNothingConfiguredStateLivesInTheEmbeddedH2StoreUnderTheDirectory() {
        System.setProperty("gamgee.store.directory", data.toString());

        try (WeldContainer container = weld().initialize()) {
            GamgeeRuntime runtime = container.select(GamgeeRuntime.class).get();
            String id = runWorkflow(container);

            assertThat(runtime.store()).isInstanceOf(JpaStateStore.class);
            assertThat(runtime.store().find(id).orElseThrow().status()).isEqualTo(InstanceStatus.COMPLETED);
        }
        assertThat(data.resolve("gamgee.mv.db")).isRegularFile();
    }

    @Test
    void aJdbcUrlNoDriverAcceptsFailsWithTheKeyAndTheCause() {
        System.setProperty("gamgee.store.jdbc-url", "jdbc:postgres://127.0.0.1:5432/test");

        Throwable failure = catchThrowable(() -> weld().initialize().close());

        assertThat(failure).as("the container does not start").isNotNull();
        Throwable cause = failure;
        while (!(cause instanceof StoreConfigurationException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(StoreConfigurationException.class)
                .hasMessageStartingWith("Gamgee configuration gamgee.store.jdbc-url = "
                        + "'jdbc:postgres://127.0.0.1:5432/test' cannot be used")
                .hasMessageContaining("No suitable driver");
    }

    @Test
    void aJdbcUrlIsUsedWithAPoolGamgeeOwns() {
        System.setProperty("gamgee.store.directory", data.toString());
        System.setProperty("gamgee.store.jdbc-url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        System.setProperty("gamgee.store.create-schema", "true");

        try (WeldContainer container = weld().initialize()) {
            String id = runWorkflow(container);

            assertThat(container.select(WorkflowClient.class).get().status(id).orElseThrow().status())
                    .isEqualTo(InstanceStatus.COMPLETED);
        }
        assertThat(data).isEmptyDirectory();
    }

    private static String runWorkflow(WeldContainer container) {
        WorkflowClient client = container.select(WorkflowClient.class).get();
        String id = client.submit(GreetingWorkflow.class, new GreetPayload("Barbara"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
        assertThat(container.select(Guestbook.class).get().entries()).containsExactly("Hello, Barbara!");
        return id;
    }

    private static Weld weld() {
        return new Weld()
                .disableDiscovery()
                .addExtension(new GamgeePortableExtension())
                .addBeanClasses(GreetingWorkflow.class, Guestbook.class, GamgeeRuntime.class);
    }
}
