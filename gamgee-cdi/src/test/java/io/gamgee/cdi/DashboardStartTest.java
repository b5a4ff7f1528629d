package io.gamgee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gamgee.cdi.greeting.GreetingWorkflow;
import io.gamgee.cdi.greeting.Guestbook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code gamgee.dashboard.*}: the CDI runtime starts the dashboard with the application and stops it with it. */
class DashboardStartTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("gamgee.dashboard.enabled");
        System.clearProperty("gamgee.dashboard.port");
        System.clearProperty("gamgee.dashboard.token");
    }

    private static Weld weld() {
        return new Weld().disableDiscovery().addExtension(new GamgeePortableExtension())
                .addBeanClasses(GreetingWorkflow.class, Guestbook.class, InMemoryStoreProducer.class, GamgeeRuntime.class);
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardStartsWithTheApplicationWhenEnabledAndStopsWithIt() throws Exception {
        System.setProperty("gamgee.dashboard.enabled", "true");
        System.setProperty("gamgee.dashboard.port", "0");
        System.setProperty("gamgee.dashboard.token", "s3cret");
        URI url;
        try (WeldContainer container = weld().initialize()) {
            GamgeeRuntime runtime = container.select(GamgeeRuntime.class).get();
            url = runtime.dashboard().orElseThrow();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> workflows = get(url.resolve("/api/workflows"), "s3cret");
            assertThat(workflows.statusCode()).isEqualTo(200);
            assertThat(workflows.body()).contains("GreetingWorkflow");
            assertThat(get(url.resolve("/api/workflows"), null).statusCode()).isEqualTo(401);
        }
        URI stopped = url;
        assertThatThrownBy(() -> get(stopped.resolve("/api/workflows"), "s3cret"))
                .as("the dashboard stopped with the container").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void withoutTheSettingThereIsNoDashboard() {
        try (WeldContainer container = weld().initialize()) {
            assertThat(container.select(GamgeeRuntime.class).get().dashboard()).isEmpty();
        }
    }

    @Test
    void aBadPortIsAConfigurationErrorNamingTheKey() {
        System.setProperty("gamgee.dashboard.enabled", "true");
        System.setProperty("gamgee.dashboard.port", "eighty");
        assertThatThrownBy(() -> weld().initialize().close())
                .hasStackTraceContaining("gamgee.dashboard.port = 'eighty' is invalid");
    }
}
