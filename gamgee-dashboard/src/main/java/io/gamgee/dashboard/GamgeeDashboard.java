package io.gamgee.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard: every registered workflow's diagram with live counts at each state, the instances
 * at a state, an instance's path, history, payload and last error, recovery and cancellation, and
 * the JSON API behind them, served by the JDK's built-in HTTP server inside the application.
 *
 * <pre>{@code
 * try (GamgeeDashboard dashboard = GamgeeDashboard.builder(client, registry).port(8089).start()) {
 *     System.out.println("Dashboard at " + dashboard.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>It binds to {@code 127.0.0.1} unless told otherwise. Every action that changes something is a
 * {@code POST} carrying a CSRF token (pages) or the access token; with {@link Builder#accessToken}
 * every request needs the token, and {@link Builder#readOnly} refuses every action. Everything that
 * comes from workflows (names, payloads, errors) is escaped, and pages run under a Content Security
 * Policy that allows only their own inline script.
 */
public final class GamgeeDashboard implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    private GamgeeDashboard(HttpServer server, ExecutorService executor, URI url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    /** A dashboard over what {@code client} sees, drawing the workflows {@code registry} holds. */
    public static Builder builder(WorkflowClient client, WorkflowRegistry registry) {
        return new Builder(Objects.requireNonNull(client, "client"), Objects.requireNonNull(registry, "registry"));
    }

    /** The address of the overview page, e.g. {@code http://127.0.0.1:8089/}. */
    public URI url() {
        return url;
    }

    /** The port the dashboard listens on (the one chosen when the builder was given port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving: requests in progress get up to a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** Settings of a dashboard; {@link #start()} serves it. */
    public static final class Builder {
        private final WorkflowClient client;
        private final WorkflowRegistry registry;
        private int port = 8089;
        private String bind = "127.0.0.1";
        private String accessToken;
        private boolean readOnly;
        private Duration refresh = Duration.ofSeconds(2);
        private Duration completedWindow = Duration.ofHours(1);

        private Builder(WorkflowClient client, WorkflowRegistry registry) {
            this.client = client;
            this.registry = registry;
        }

        /** The port to listen on (default 8089; 0 for any free port, see {@link GamgeeDashboard#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}: this machine only). {@code 0.0.0.0}
         * opens it to the network: set an {@link #accessToken} then.
         */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Requires this token on every request: as {@code Authorization: Bearer <token>}, or once as
         * {@code ?token=<token>}, after which the browser keeps it in a cookie. {@code null} or
         * blank: no token (the default).
         */
        public Builder accessToken(String token) {
            this.accessToken = token == null || token.isBlank() ? null : token;
            return this;
        }

        /** Whether to refuse every action (recover, cancel): a dashboard to look at only. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** How often the overview's counts refresh (default 2 s). */
        public Builder refresh(Duration refresh) {
            if (refresh.isNegative() || refresh.isZero()) {
                throw new IllegalArgumentException("refresh must be positive, was " + refresh);
            }
            this.refresh = refresh;
            return this;
        }

        /** How far back "done" counts completed instances (default 1 h). */
        public Builder completedWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("completedWindow must be positive, was " + window);
            }
            this.completedWindow = window;
            return this;
        }

        /**
         * Starts serving.
         *
         * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
         */
        public GamgeeDashboard start() {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(bind), port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve dashboard address " + bind, e);
            }
            HttpServer server;
            try {
                server = HttpServer.create(address, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bind + ":" + port + " for the dashboard: "
                        + e.getMessage(), e);
            }
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "gamgee-dashboard-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Guard guard = new Guard(accessToken, readOnly, address.getAddress().isLoopbackAddress());
            server.createContext("/", new DashboardHandler(client, registry, guard, refresh, completedWindow));
            server.setExecutor(executor);
            server.start();
            String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                    : address.getAddress().getHostAddress();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return new GamgeeDashboard(server, executor,
                    URI.create("http://" + host + ":" + server.getAddress().getPort() + "/"));
        }
    }
}
