package io.gamgee.cdi;

import io.gamgee.core.TransactionJoiner;
import io.gamgee.core.WorkerPool;
import io.gamgee.core.WorkflowBase;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.store.StateStore;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Gamgee inside a CDI container: builds the {@link WorkflowRegistry} from the discovered workflow
 * beans, chooses the store, starts the managed {@link WorkerPool} when the application has started
 * and drains it before the application context (and the workflow beans) are destroyed.
 */
@ApplicationScoped
public class GamgeeRuntime {

    private static final System.Logger LOG = System.getLogger(GamgeeRuntime.class.getName());
    private static final boolean QUARKUS = present("io.quarkus.runtime.StartupEvent");
    private static final boolean JTA = present("jakarta.transaction.TransactionSynchronizationRegistry");

    @Inject
    DiscoveredWorkflows discovered;
    @Inject
    BeanContainer container;
    @Inject
    @Any
    Instance<WorkflowBase<?>> workflows;
    @Inject
    Instance<StateStore> stores;
    @Inject
    Instance<DataSource> dataSources;
    @Inject
    Instance<OpenTelemetry> openTelemetries;

    private GamgeeSettings settings;
    private WorkflowBeans workflowBeans;
    private WorkflowRegistry registry;
    private StoreSelection.SelectedStore store;
    private Supplier<OpenTelemetry> openTelemetry;
    private WorkerPool pool;
    private DashboardSettings dashboardSettings;
    private AutoCloseable dashboard;
    private URI dashboardUrl;

    @PostConstruct
    void init() {
        workflowBeans = new WorkflowBeans(container, workflows);
        registry = workflowBeans.registry(discovered);
        settings = GamgeeSettings.read(ConfigLookup.forRuntime(), registry.workflowTypes());
        store = StoreSelection.select(stores, dataSources, settings);
        openTelemetry = new OpenTelemetryLookup(openTelemetries);
        dashboardSettings = DashboardSettings.read(ConfigLookup.forRuntime());
        if (dashboardSettings.enabled() && !present("io.gamgee.dashboard.GamgeeDashboard")) {
            throw new IllegalStateException("gamgee.dashboard.enabled is true, but io.gamgee:gamgee-dashboard is not "
                    + "on the classpath: add the dependency, or set gamgee.dashboard.enabled=false");
        }
        LOG.log(Level.INFO, () -> "Gamgee: workflows " + registry.workflowTypes() + " (found by the "
                + discovered.discovery() + "), state in " + store.description() + ", " + settings);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Quarkus initializes its datasources after the application context, before Startup
        if (!QUARKUS) {
            startWorkers();
        }
    }

    void start(@Observes Startup applicationStarted) {
        startWorkers();
    }

    void stop(@Observes Shutdown applicationStopping) {
        stopWorkers();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        stopWorkers();
    }

    @PreDestroy
    void close() {
        stopWorkers();
        stopDashboard();
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Gamgee: cannot close the store in " + store.description(), e);
        }
    }

    /** The workflows the workers run, one per discovered bean. */
    @Produces
    @Singleton
    WorkflowRegistry registry() {
        return registry;
    }

    /**
     * The client applications inject to submit and manage workflows. {@code @Singleton} rather than
     * {@code @ApplicationScoped}: {@link WorkflowClient} is final, so it cannot have a client proxy,
     * and it needs none (it is thread-safe and lives as long as the container).
     */
    @Produces
    @Singleton
    WorkflowClient client() {
        if (JTA) {
            Optional<TransactionJoiner> transactions = JtaTransactions.of(container.createInstance(), store.enlisting());
            if (transactions.isPresent()) {
                return WorkflowClient.create(store.store(), registry, Clock.systemUTC(), transactions.get());
            }
        }
        return WorkflowClient.create(store.store(), registry);
    }

    /** The configuration in effect. */
    public GamgeeSettings settings() {
        return settings;
    }

    /** The store the workers and the client use. */
    public StateStore store() {
        return store.store();
    }

    /** The address of the dashboard the runtime started ({@code gamgee.dashboard.enabled}), if it runs. */
    public synchronized Optional<URI> dashboard() {
        return Optional.ofNullable(dashboardUrl);
    }

    /** The managed worker pool, or {@code null} when workers are disabled or stopped. */
    public synchronized WorkerPool workers() {
        return pool;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, GamgeeRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private synchronized void startWorkers() {
        startDashboard();
        if (pool != null || !settings.workersEnabled() || registry.workflowTypes().isEmpty()) {
            return;
        }
        WorkerPool.Builder builder = WorkerPool.builder(registry, store.store())
                .threads(settings.threads())
                .claimBatch(settings.claimBatch())
                .pollInterval(settings.pollInterval())
                .lease(settings.lease())
                .drainTimeout(settings.drainTimeout())
                .stepTimeout(settings.stepTimeout())
                .fetchStrategy(settings.fetchStrategy())
                .openTelemetry(openTelemetry);
        settings.workflowStepTimeouts().forEach(builder::stepTimeout);
        pool = builder.build().start();
    }

    private synchronized void startDashboard() {
        if (dashboard != null || !dashboardSettings.enabled()) {
            return;
        }
        DashboardStarter.Started started = DashboardStarter.start(client(), registry, dashboardSettings);
        dashboard = started.dashboard();
        dashboardUrl = started.url();
        LOG.log(Level.INFO, () -> "Gamgee: dashboard at " + dashboardUrl);
    }

    private synchronized void stopDashboard() {
        if (dashboard != null) {
            try {
                dashboard.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Gamgee: cannot stop the dashboard at " + dashboardUrl, e);
            }
            dashboard = null;
            dashboardUrl = null;
        }
    }

    private synchronized void stopWorkers() {
        if (pool != null) {
            pool.close();
            pool = null;
            workflowBeans.destroyDependents();
        }
    }
}
