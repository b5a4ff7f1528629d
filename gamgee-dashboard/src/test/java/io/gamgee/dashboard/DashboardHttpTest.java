package io.gamgee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.test.WorkflowTestKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pages and the JSON API over real HTTP, on the in-memory store. */
class DashboardHttpTest {

    private final WorkflowTestKit kit = WorkflowTestKit.of(OrderWorkflow::new);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private GamgeeDashboard dashboard;

    @AfterEach
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        kit.close();
    }

    private GamgeeDashboard start(UnaryOperator<GamgeeDashboard.Builder> settings) {
        dashboard = settings.apply(GamgeeDashboard.builder(kit.client(), kit.registry()).port(0)).start();
        return dashboard;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf() throws Exception {
        return json.readTree(get("/api/csrf").body()).get("token").asText();
    }

    private String failed(String id, String note) {
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order(note, true, true), id);
        kit.runUntilIdle();
        kit.advance(java.time.Duration.ofSeconds(5));
        kit.runUntilIdle();
        assertThat(kit.statusOf(id).status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        return id;
    }

    @Test
    void countsTellWhatTheInstancesAtEachStateAreDoing() throws Exception {
        start(b -> b);
        failed("o-3", "x");
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("a", false, true), "o-1");
        kit.runNextStep();
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("b", false, true), "o-2");

        JsonNode counts = json.readTree(get("/api/workflows/OrderWorkflow/counts").body());
        assertThat(counts.get("workflowType").asText()).isEqualTo("OrderWorkflow");
        assertThat(state(counts, "charge").get("waiting").asLong()).isEqualTo(1);
        assertThat(state(counts, "charge").get("unrecoverable").asLong()).isEqualTo(1);
        assertThat(state(counts, "ship").get("waiting").asLong()).isEqualTo(1);

        JsonNode workflows = json.readTree(get("/api/workflows").body());
        assertThat(workflows.get(0).get("workflowType").asText()).isEqualTo("OrderWorkflow");
        assertThat(workflows.get(0).get("decisions").get(0).asText()).isEqualTo("route");

        String overview = get("/").body();
        assertThat(overview).contains("<svg", "data-workflow=\"OrderWorkflow\"", "1 waiting", "1 failed",
                "href=\"/workflows/OrderWorkflow/states/charge\"");
    }

    private static JsonNode state(JsonNode counts, String state) {
        for (JsonNode node : counts.get("states")) {
            if (node.get("state").asText().equals(state)) {
                return node;
            }
        }
        throw new AssertionError("no counts for " + state + " in " + counts);
    }

    @Test
    void listsInstancesAtAStateByStatusPagedOldestOrNewestFirst() throws Exception {
        start(b -> b);
        failed("bad-1", "x");
        for (int i = 1; i <= 5; i++) {
            kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("n" + i, false, true), "i-" + i);
            kit.advance(java.time.Duration.ofMillis(10));
        }

        JsonNode oldest = json.readTree(get("/api/instances?type=OrderWorkflow&step=charge&status=waiting&limit=2").body());
        assertThat(oldest.get("total").asLong()).isEqualTo(5);
        assertThat(oldest.get("instances")).extracting(n -> n.get("instanceId").asText()).containsExactly("i-1", "i-2");
        JsonNode newest = json.readTree(
                get("/api/instances?type=OrderWorkflow&step=charge&status=waiting&limit=2&order=newest").body());
        assertThat(newest.get("instances")).extracting(n -> n.get("instanceId").asText()).containsExactly("i-5", "i-4");
        JsonNode second = json.readTree(
                get("/api/instances?type=OrderWorkflow&step=charge&status=waiting&limit=2&offset=2&order=newest").body());
        assertThat(second.get("instances")).extracting(n -> n.get("instanceId").asText()).containsExactly("i-3", "i-2");
        JsonNode failed = json.readTree(get("/api/instances?type=OrderWorkflow&status=UNRECOVERABLE").body());
        assertThat(failed.get("instances")).extracting(n -> n.get("instanceId").asText()).containsExactly("bad-1");
        assertThat(get("/api/instances?status=sleeping").statusCode()).isEqualTo(400);

        String page = get("/workflows/OrderWorkflow/states/charge?status=WAITING&order=newest&limit=2").body();
        assertThat(page).contains(">i-5<", ">i-4<", "5 instances", "rel=\"next\"").doesNotContain(">i-1<");
        assertThat(get("/workflows/OrderWorkflow/states/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void anInstanceShowsItsStatusHistoryPayloadErrorAndPath() throws Exception {
        start(b -> b);
        failed("f-1", "insufficient funds");

        JsonNode instance = json.readTree(get("/api/instances/f-1").body());
        assertThat(instance.get("status").get("status").asText()).isEqualTo("UNRECOVERABLE");
        assertThat(instance.get("status").get("lastError").get("message").asText()).contains("insufficient funds");
        assertThat(instance.get("payload").get("note").asText()).isEqualTo("insufficient funds");
        assertThat(instance.get("history")).hasSize(2);
        assertThat(get("/api/instances/nope").statusCode()).isEqualTo(404);

        String page = get("/instances/f-1").body();
        assertThat(page).contains("IllegalStateException", "at io.gamgee.dashboard.OrderWorkflow.executeStep",
                "retry_scheduled", "unrecoverable", "&quot;note&quot;", "class=\"state step visited current\"",
                ">Recover</button>");
    }

    @Test
    void recoversAndCancelsThroughTheApiWithTheCsrfToken() throws Exception {
        start(b -> b);
        failed("r-1", "x");
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("c", false, true), "c-1");

        HttpResponse<String> recovered = post("/api/instances/r-1/recover", "", "X-Gamgee-Csrf", csrf());
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
        assertThat(kit.statusOf("r-1").status()).isEqualTo(InstanceStatus.WAITING);

        assertThat(post("/api/instances/c-1/cancel", "csrf=" + csrf()).statusCode()).isEqualTo(200);
        assertThat(kit.statusOf("c-1").status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(post("/api/instances/c-1/cancel", "csrf=" + csrf()).statusCode()).isEqualTo(409);
    }

    @Test
    void bulkRecoveryShowsTheCountFirstThenRecoversEveryUnrecoverableInstanceAtTheStep() throws Exception {
        start(b -> b);
        failed("b-1", "x");
        failed("b-2", "y");

        assertThat(get("/workflows/OrderWorkflow/recover?step=charge").body()).contains("<b>2</b> unrecoverable instances");
        failed("b-3", "z");
        // one instance by its id: only that one
        HttpResponse<String> one = post("/api/instances/b-3/recover", "csrf=" + csrf());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(kit.statusOf("b-3").status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(kit.statusOf("b-1").status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(post("/api/instances/b-3/recover", "csrf=" + csrf()).statusCode()).isEqualTo(409);

        HttpResponse<String> page = post("/workflows/OrderWorkflow/recover?step=charge", "csrf=" + csrf());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/workflows/OrderWorkflow/states/charge?recovered=2");
        assertThat(kit.statusOf("b-1").status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(kit.statusOf("b-2").status()).isEqualTo(InstanceStatus.WAITING);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        start(b -> b);
        failed("x-1", "x");
        kit.submit(OrderWorkflow.class, new OrderWorkflow.Order("c", false, true), "x-2");

        assertThat(post("/instances/x-1/recover", "").statusCode()).isEqualTo(403);
        assertThat(post("/api/instances/x-2/cancel", "csrf=forged").statusCode()).isEqualTo(403);
        assertThat(post("/api/workflows/OrderWorkflow/recover?step=charge", "").statusCode()).isEqualTo(403);
        assertThat(kit.statusOf("x-1").status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(kit.statusOf("x-2").status()).isEqualTo(InstanceStatus.WAITING);
        assertThat(get("/instances/x-1/recover").statusCode()).isEqualTo(404);
    }

    @Test
    void anAccessTokenIsNeededForEveryRequestAndACookieKeepsItForTheBrowser() throws Exception {
        start(b -> b.accessToken("s3cret"));
        failed("t-1", "x");

        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(get("/api/workflows").statusCode()).isEqualTo(401);
        assertThat(get("/api/workflows", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/workflows", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);

        HttpResponse<String> login = get("/instances/t-1?token=s3cret");
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/instances/t-1");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertThat(get("/instances/t-1", "Cookie", pair).statusCode()).isEqualTo(200);

        // the cookie alone does not make a POST: a forged form from another site would carry it
        assertThat(post("/api/instances/t-1/recover", "", "Cookie", pair).statusCode()).isEqualTo(403);
        assertThat(post("/api/instances/t-1/recover", "", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void readOnlyRefusesEveryActionAndShowsNoButtons() throws Exception {
        start(b -> b.readOnly(true));
        failed("ro-1", "x");

        assertThat(post("/api/instances/ro-1/recover", "csrf=" + csrf()).statusCode()).isEqualTo(403);
        assertThat(post("/instances/ro-1/recover", "csrf=" + csrf()).statusCode()).isEqualTo(403);
        assertThat(kit.statusOf("ro-1").status()).isEqualTo(InstanceStatus.UNRECOVERABLE);
        assertThat(get("/instances/ro-1").body()).contains("read-only").doesNotContain("<button");
    }

    @Test
    void markupFromPayloadsErrorsAndIdsIsEscaped() throws Exception {
        start(b -> b);
        String id = failed("<script>alert('id')</script>", "<script>alert('error')</script>");

        String page = get("/instances/" + Html.enc(id)).body();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;error&#39;)&lt;/script&gt;",
                "&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;");
        String list = get("/workflows/OrderWorkflow/states/charge?status=UNRECOVERABLE").body();
        assertThat(list).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;id&#39;)");
        HttpResponse<String> api = get("/api/instances/" + Html.enc(id));
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'nonce-");
    }

    @Test
    void onLoopbackARequestForAnotherHostIsRefused() throws Exception {
        start(b -> b);
        try (Socket socket = new Socket("127.0.0.1", dashboard.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/workflows HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).contains("403");
        }
        assertThat(dashboard.url()).isEqualTo(URI.create("http://127.0.0.1:" + dashboard.port() + "/"));
    }
}
