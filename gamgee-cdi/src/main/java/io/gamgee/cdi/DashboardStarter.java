package io.gamgee.cdi;

import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.dashboard.GamgeeDashboard;
import java.net.URI;

/**
 * Starts the dashboard from {@link DashboardSettings}. Only loaded when the dashboard is enabled,
 * so that {@code gamgee-dashboard} is needed on the classpath only then.
 */
final class DashboardStarter {

    private DashboardStarter() {
    }

    /** A started dashboard: how to stop it, and where it is. */
    record Started(AutoCloseable dashboard, URI url) {
    }

    static Started start(WorkflowClient client, WorkflowRegistry registry, DashboardSettings settings) {
        GamgeeDashboard.Builder builder = GamgeeDashboard.builder(client, registry)
                .port(settings.port())
                .bind(settings.bind())
                .readOnly(settings.readOnly());
        settings.token().ifPresent(builder::accessToken);
        GamgeeDashboard dashboard = builder.start();
        return new Started(dashboard, dashboard.url());
    }
}
