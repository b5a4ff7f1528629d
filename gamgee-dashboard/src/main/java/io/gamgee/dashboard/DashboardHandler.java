package io.gamgee.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gamgee.core.Query;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.core.WorkflowStatus;
import io.gamgee.core.definition.WorkflowDefinition;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StateCounts;
import io.gamgee.core.store.StepRecord;
import io.gamgee.dashboard.diagram.DiagramSvg;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Serves the dashboard's pages and its JSON API, after {@link Guard} has let the request in. */
final class DashboardHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(GamgeeDashboard.class.getName());
    private static final int MAX_LIMIT = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkflowClient client;
    private final WorkflowRegistry registry;
    private final Guard guard;
    private final Duration refresh;
    private final Duration completedWindow;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    DashboardHandler(WorkflowClient client, WorkflowRegistry registry, Guard guard, Duration refresh,
            Duration completedWindow) {
        this.client = client;
        this.registry = registry;
        this.guard = guard;
        this.refresh = refresh;
        this.completedWindow = completedWindow;
    }

    /** A request the handler answers with an error status and a short message. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        boolean api = !path.isEmpty() && path.get(0).equals("api");
        try (exchange) {
            try {
                if (!guard.hostAllowed(exchange)) {
                    throw new Refused(403, "this dashboard answers only requests for localhost or 127.0.0.1");
                }
                Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
                if (!guard.authenticated(exchange)) {
                    String token = query.get("token");
                    if (token != null && guard.isAccessToken(token) && exchange.getRequestMethod().equals("GET")) {
                        exchange.getResponseHeaders().add("Set-Cookie", Guard.TOKEN_COOKIE + "=" + token
                                + "; Path=/; HttpOnly; SameSite=Strict");
                        redirect(exchange, withoutToken(exchange.getRequestURI().getRawPath(), query));
                        return;
                    }
                    throw new Refused(401, "an access token is needed: Authorization: Bearer <token>, or ?token=<token> once");
                }
                switch (exchange.getRequestMethod()) {
                    case "GET", "HEAD" -> get(exchange, path, query, api);
                    case "POST" -> {
                        Map<String, String> form = new LinkedHashMap<>(query);
                        form.putAll(params(body(exchange)));
                        if (!guard.notForged(exchange, form.get(Guard.CSRF_FIELD))) {
                            throw new Refused(403, "a POST needs the CSRF token of a dashboard page (or the header "
                                    + Guard.CSRF_HEADER + ") or the access token as Authorization: Bearer <token>");
                        }
                        if (guard.readOnly()) {
                            throw new Refused(403, "the dashboard is read-only");
                        }
                        post(exchange, path, form, api);
                    }
                    default -> throw new Refused(405, "method " + exchange.getRequestMethod() + " not allowed");
                }
            } catch (Refused refused) {
                error(exchange, api, refused.status, refused.getMessage());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "dashboard request " + exchange.getRequestURI() + " failed", e);
                error(exchange, api, 500, "the request failed: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- GET

    private void get(HttpExchange exchange, List<String> path, Map<String, String> query, boolean api)
            throws IOException {
        if (api) {
            apiGet(exchange, path.subList(1, path.size()), query);
            return;
        }
        if (path.isEmpty()) {
            overview(exchange);
        } else if (path.size() == 4 && path.get(0).equals("workflows") && path.get(2).equals("states")) {
            statePage(exchange, definition(path.get(1)), path.get(3), query);
        } else if (path.size() == 3 && path.get(0).equals("workflows") && path.get(2).equals("diagram.svg")) {
            WorkflowDefinition definition = definition(path.get(1));
            send(exchange, 200, "image/svg+xml; charset=utf-8",
                    DiagramSvg.render(definition, counts(definition.workflowType()), null, null));
        } else if (path.size() == 3 && path.get(0).equals("workflows") && path.get(2).equals("recover")) {
            WorkflowDefinition definition = definition(path.get(1));
            String step = required(query, "step");
            String nonce = nonce();
            html(exchange, 200, nonce, Pages.layout("Recover", nonce, guard.readOnly(), Pages.bulkRecoverPage(
                    definition.workflowType(), step, unrecoverableAt(definition.workflowType(), step),
                    guard.readOnly(), guard.csrfToken()), null));
        } else if (path.size() == 2 && path.get(0).equals("instances")) {
            instancePage(exchange, path.get(1), query);
        } else {
            throw new Refused(404, "no such page");
        }
    }

    private void overview(HttpExchange exchange) throws IOException {
        StringBuilder body = new StringBuilder(Pages.legend());
        if (registry.workflowTypes().isEmpty()) {
            body.append("<p>No workflow is registered.</p>");
        }
        for (String type : registry.workflowTypes()) {
            WorkflowDefinition definition = definition(type);
            Map<String, StateCounts> counts = counts(type);
            String svg = DiagramSvg.render(definition, counts, null, state -> Pages.stateLink(type, state));
            body.append(Pages.workflowSection(definition, svg, states(definition), counts));
        }
        String nonce = nonce();
        html(exchange, 200, nonce, Pages.layout("Workflows", nonce, guard.readOnly(), body.toString(),
                Pages.refreshScript(refresh.toMillis())));
    }

    private void statePage(HttpExchange exchange, WorkflowDefinition definition, String state,
            Map<String, String> query) throws IOException {
        String type = definition.workflowType();
        if (!states(definition).contains(state)) {
            throw new Refused(404, type + " has no step, wait or join " + state);
        }
        InstanceStatus status = status(query.get("status"));
        boolean newest = "newest".equals(query.get("order"));
        int offset = integer(query, "offset", 0);
        int limit = Math.min(integer(query, "limit", 50), MAX_LIMIT);
        Query q = Query.workflowType(type).step(state);
        long total = client.count(q, status);
        List<WorkflowStatus> page = client.page(q, status, newest, offset, limit);
        String notice = query.containsKey("recovered")
                ? "Recovered " + integer(query, "recovered", 0) + " instance(s)." : null;
        String nonce = nonce();
        html(exchange, 200, nonce, Pages.layout(type + " · " + state, nonce, guard.readOnly(), Pages.statePage(type,
                state, status, newest, offset, limit, total, page, counts(type).get(state), guard.readOnly(),
                guard.csrfToken(), notice), null));
    }

    private void instancePage(HttpExchange exchange, String id, Map<String, String> query) throws IOException {
        WorkflowStatus status = client.status(id).orElseThrow(() -> new Refused(404, "no instance " + id));
        WorkflowDefinition definition = registry.definition(status.workflowType()).orElse(null);
        List<StepRecord> history = client.history(id);
        String svg = "";
        if (definition != null) {
            Set<String> visited = new HashSet<>();
            history.forEach(record -> visited.add(record.step()));
            status.branches().forEach(branch -> visited.add(branch.step()));
            svg = DiagramSvg.render(definition, counts(definition.workflowType()), new DiagramSvg.Path(visited, status.step(),
                    status.status() == InstanceStatus.COMPLETED), null);
        }
        String notice = null;
        boolean warn = false;
        String done = query.get("done");
        if (done != null) {
            switch (done) {
                case "recovered" -> notice = "Recovered: the instance is back to work at " + status.step() + ".";
                case "cancelled" -> notice = "Cancelled.";
                case "not-cancelled" -> {
                    notice = "Not cancelled: the instance has finished (or is a branch: cancel its workflow instance).";
                    warn = true;
                }
                case "not-recovered" -> {
                    notice = "Not recovered: see the message of the recover action.";
                    warn = true;
                }
                default -> {
                }
            }
        }
        String nonce = nonce();
        html(exchange, 200, nonce, Pages.layout(id, nonce, guard.readOnly(), Pages.instancePage(status, svg, history,
                client.payload(id).orElse(null), guard.readOnly(), guard.csrfToken(), notice, warn), null));
    }

    private void apiGet(HttpExchange exchange, List<String> path, Map<String, String> query) throws IOException {
        if (path.size() == 1 && path.get(0).equals("workflows")) {
            List<Map<String, Object>> workflows = new ArrayList<>();
            for (String type : registry.workflowTypes()) {
                WorkflowDefinition definition = definition(type);
                Map<String, Object> workflow = new LinkedHashMap<>();
                workflow.put("workflowType", type);
                workflow.put("source", definition.source());
                workflow.put("diagramHash", definition.diagramHash());
                workflow.put("firstStep", definition.firstStep());
                workflow.put("steps", definition.steps().keySet());
                workflow.put("decisions", definition.decisions().keySet());
                workflow.put("waits", definition.waits().keySet());
                workflow.put("forks", definition.forks().keySet());
                workflow.put("joins", definition.joins().keySet());
                workflows.add(workflow);
            }
            sendJson(exchange, 200, workflows);
        } else if (path.size() == 3 && path.get(0).equals("workflows") && path.get(2).equals("counts")) {
            WorkflowDefinition definition = definition(path.get(1));
            Instant since = Instant.now().minus(since(query));
            List<StateCounts> counts = client.stateCounts(definition.workflowType(), since);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("workflowType", definition.workflowType());
            body.put("completedSince", since);
            body.put("states", counts);
            sendJson(exchange, 200, body);
        } else if (path.size() == 1 && path.get(0).equals("instances")) {
            String type = query.get("type");
            String step = query.get("step");
            if (type != null) {
                definition(type);
            }
            Query q = new Query(type, step);
            InstanceStatus status = status(query.get("status"));
            boolean newest = "newest".equals(query.get("order"));
            int offset = integer(query, "offset", 0);
            int limit = Math.min(integer(query, "limit", 50), MAX_LIMIT);
            long total = client.count(q, status);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", total);
            body.put("offset", offset);
            body.put("limit", limit);
            body.put("order", newest ? "newest" : "oldest");
            body.put("instances", client.page(q, status, newest, offset, limit));
            sendJson(exchange, 200, body);
        } else if (path.size() == 2 && path.get(0).equals("instances")) {
            String id = path.get(1);
            WorkflowStatus status = client.status(id).orElseThrow(() -> new Refused(404, "no instance " + id));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("payload", client.payload(id).map(this::parseJson).orElse(null));
            body.put("history", client.history(id));
            sendJson(exchange, 200, body);
        } else if (path.size() == 1 && path.get(0).equals("csrf")) {
            sendJson(exchange, 200, Map.of("token", guard.csrfToken(), "header", Guard.CSRF_HEADER));
        } else {
            throw new Refused(404, "no such API endpoint; see README's 'Operating workflows'");
        }
    }

    // ---------------------------------------------------------------- POST

    private void post(HttpExchange exchange, List<String> path, Map<String, String> form, boolean api)
            throws IOException {
        List<String> p = api ? path.subList(1, path.size()) : path;
        if (p.size() == 3 && p.get(0).equals("instances") && p.get(2).equals("recover")) {
            String id = p.get(1);
            RecoverOutcome outcome = recover(id);
            if (api) {
                sendJson(exchange, outcome.recovered ? 200 : 409, Map.of("recovered", outcome.recovered,
                        "message", outcome.message));
            } else {
                redirect(exchange, Pages.instanceLink(id) + (outcome.recovered ? "?done=recovered"
                        : "?done=not-recovered"));
            }
        } else if (p.size() == 3 && p.get(0).equals("instances") && p.get(2).equals("cancel")) {
            String id = p.get(1);
            client.status(id).orElseThrow(() -> new Refused(404, "no instance " + id));
            boolean cancelled = client.cancel(id);
            if (api) {
                sendJson(exchange, cancelled ? 200 : 409, Map.of("cancelled", cancelled));
            } else {
                redirect(exchange, Pages.instanceLink(id) + (cancelled ? "?done=cancelled" : "?done=not-cancelled"));
            }
        } else if (p.size() == 3 && p.get(0).equals("workflows") && p.get(2).equals("recover")) {
            WorkflowDefinition definition = definition(p.get(1));
            String step = required(form, "step");
            if (!states(definition).contains(step)) {
                throw new Refused(404, definition.workflowType() + " has no step, wait or join " + step);
            }
            int recovered = client.recoverTasks(Query.workflowType(definition.workflowType()).step(step),
                    Integer.MAX_VALUE);
            if (api) {
                sendJson(exchange, 200, Map.of("recovered", recovered));
            } else {
                redirect(exchange, Pages.stateLink(definition.workflowType(), step) + "?recovered=" + recovered);
            }
        } else {
            throw new Refused(404, "no such action");
        }
    }

    private record RecoverOutcome(boolean recovered, String message) {
    }

    /** Recovers one instance by its id (a workflow failed by its branches: those branches). */
    private RecoverOutcome recover(String id) {
        WorkflowStatus status = client.status(id).orElseThrow(() -> new Refused(404, "no instance " + id));
        if (status.status() != InstanceStatus.UNRECOVERABLE) {
            return new RecoverOutcome(false, "instance " + id + " is " + status.status() + ", not UNRECOVERABLE");
        }
        boolean recovered = client.recover(id);
        return new RecoverOutcome(recovered, recovered ? "instance " + id + " is back to work at " + status.step()
                : "instance " + id + " was not recovered: it changed meanwhile");
    }

    // ---------------------------------------------------------------- helpers

    private WorkflowDefinition definition(String type) {
        return registry.definition(type).orElseThrow(() -> new Refused(404, "no workflow type " + type
                + " is registered"));
    }

    /** The states where instances can stand: steps, waits and joins, in diagram order. */
    static List<String> states(WorkflowDefinition definition) {
        List<String> states = new ArrayList<>(definition.steps().keySet());
        states.addAll(definition.waits().keySet());
        states.addAll(definition.joins().keySet());
        return states;
    }

    private Map<String, StateCounts> counts(String type) {
        return client.stateCounts(type, Instant.now().minus(completedWindow)).stream()
                .collect(Collectors.toMap(StateCounts::state, Function.identity(), (a, b) -> a));
    }

    private long unrecoverableAt(String type, String step) {
        StateCounts counts = counts(type).get(step);
        return counts == null ? 0 : counts.unrecoverable();
    }

    private Duration since(Map<String, String> query) {
        String since = query.get("since");
        if (since == null) {
            return completedWindow;
        }
        try {
            return Duration.parse(since);
        } catch (RuntimeException e) {
            throw new Refused(400, "since must be an ISO-8601 duration such as PT1H, was " + since);
        }
    }

    private JsonNode parseJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static InstanceStatus status(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("all")) {
            return null;
        }
        try {
            return InstanceStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "status must be one of waiting, completed, unrecoverable, cancelled, was " + value);
        }
    }

    private static int integer(Map<String, String> query, String name, int otherwise) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Refused(400, name + " must be a whole number of at least 0, was " + value);
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new Refused(400, "the parameter " + name + " is missing");
        }
        return value;
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String withoutToken(String rawPath, Map<String, String> query) {
        String rest = query.entrySet().stream().filter(e -> !e.getKey().equals("token"))
                .map(e -> Html.enc(e.getKey()) + "=" + Html.enc(e.getValue())).collect(Collectors.joining("&"));
        return rawPath + (rest.isEmpty() ? "" : "?" + rest);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(64 * 1024);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void securityHeaders(HttpExchange exchange, String nonce) {
        var headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; connect-src 'self'; img-src 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'"
                + (nonce == null ? "" : "; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'"));
    }

    private static void html(HttpExchange exchange, int status, String nonce, String page) throws IOException {
        securityHeaders(exchange, nonce);
        send(exchange, status, "text/html; charset=utf-8", page);
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        securityHeaders(exchange, null);
        send(exchange, status, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private void error(HttpExchange exchange, boolean api, int status, String message) throws IOException {
        if (api) {
            sendJson(exchange, status, Map.of("error", message));
        } else {
            String nonce = nonce();
            html(exchange, status, nonce, Pages.layout("Error", nonce, guard.readOnly(),
                    Pages.message(status == 403 ? "Forbidden" : status == 404 ? "Not found" : "Error " + status,
                            message), null));
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        securityHeaders(exchange, null);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
