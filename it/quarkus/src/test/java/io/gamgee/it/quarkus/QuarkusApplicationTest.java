package io.gamgee.it.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gamgee.cdi.DiscoveredWorkflows;
import io.gamgee.core.WorkflowClient;
import io.gamgee.core.store.InstanceStatus;
import io.gamgee.core.store.StepRecord;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuarkusApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    WorkflowClient client;
    @Inject
    Guestbook guestbook;
    @Inject
    InMemorySpanExporter spans;
    @Inject
    DiscoveredWorkflows discovered;
    @Inject
    OrderDesk desk;
    @Inject
    DataSource dataSource;

    @Test
    void theBuildCompatibleExtensionFoundTheWorkflow() {
        assertThat(discovered.discovery()).isEqualTo(DiscoveredWorkflows.Discovery.BUILD_COMPATIBLE_EXTENSION);
        assertThat(discovered.implementations()).containsExactlyInAnyOrder(GreetingWorkflow.class,
                ApprovalWorkflow.class);
    }

    @Test
    void aSubmitInsideATransactionGoesThroughQuarkusDatasourceAndRollsBackWithTheEntity() throws Exception {
        assertThatThrownBy(() -> desk.placeThenFail("order-declined", "Bo"))
                .isInstanceOfSatisfying(OrderDesk.PaymentDeclined.class, declined -> assertThat(declined.instancesSeen())
                        .as("the instance was written on the transaction's own connection").isEqualTo(1));

        assertThat(client.status("order-declined")).as("no workflow after the rollback").isEmpty();
        assertThat(orders("order-declined")).as("no order after the rollback").isZero();
    }

    @Test
    void aSubmitInsideATransactionThatCommitsRunsOnceTheOrderIsSaved() throws Exception {
        String id = desk.place("order-placed", "Cy");

        await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
        assertThat(orders("order-placed")).isEqualTo(1);
        assertThat(guestbook.entries()).contains("Hello, Cy!");
    }

    private long orders(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM guest_order WHERE id = ?")) {
            count.setString(1, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void theWorkersCompleteASubmittedWorkflowAndTheWithSpanMethodNestsUnderTheStepSpan() {
        String id = client.submit(GreetingWorkflow.class, new GreetPayload("Ada"));

        await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
        assertThat(guestbook.entries()).contains("Hello, Ada!");
        assertThat(client.history(id)).extracting(StepRecord::step).containsExactly("greet", "record");

        await().atMost(TIMEOUT).until(() -> span("Greeter.greet", id).isPresent() && span("GreetingWorkflow.record", id).isPresent());
        SpanData step = span("GreetingWorkflow.greet", id).orElseThrow();
        SpanData greeter = span("Greeter.greet", id).orElseThrow();
        assertThat(greeter.getParentSpanId()).isEqualTo(step.getSpanId());
        assertThat(greeter.getTraceId()).isEqualTo(step.getTraceId());
        assertThat(span("GreetingWorkflow.record", id).orElseThrow().getTraceId()).isEqualTo(step.getTraceId());
    }

    /** The span of that name in the trace of instance {@code id}'s steps. */
    private Optional<SpanData> span(String name, String id) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        Optional<String> trace = finished.stream()
                .filter(span -> id.equals(span.getAttributes().get(
                        io.opentelemetry.api.common.AttributeKey.stringKey("gamgee.workflow.instance_id"))))
                .map(SpanData::getTraceId)
                .findFirst();
        return trace.flatMap(traceId -> finished.stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name))
                .findFirst());
    }

    @TestHTTPResource("/webhooks/approvals")
    URI webhooks;

    private HttpResponse<String> post(String path, String deliveryId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhooks + path))
                .header("Delivery-Id", deliveryId).header("Reviewer", "Dee")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anHttpWebhookSendsTheEventThatMovesAWaitingWorkflowOnOnce() throws Exception {
        String id = client.submit(ApprovalWorkflow.class, new RequestApprovalPayload("doc-7"), "doc-7");
        await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().step().equals("decided"));
        assertThat(client.status(id).orElseThrow().awaiting()).containsExactly("approved", "rejected");
        spans.reset();

        HttpResponse<String> first = post("/doc-7/approved", "delivery-1");
        HttpResponse<String> retried = post("/doc-7/approved", "delivery-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("DELIVERED");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo("DUPLICATE");
        await().atMost(TIMEOUT).until(() -> client.status(id).orElseThrow().status() == InstanceStatus.COMPLETED);
        assertThat(guestbook.entries()).containsOnlyOnce("published doc-7, approved by Dee");
        assertThat(client.history(id)).extracting(StepRecord::step)
                .containsExactly("requestApproval", "decided", "publish");
        assertThat(post("/doc-7/rejected", "delivery-2").statusCode()).isEqualTo(409);
        assertThat(post("/nobody/approved", "delivery-3").statusCode()).isEqualTo(404);

        // one trace from the webhook's HTTP span to the step the event led to
        await().atMost(TIMEOUT).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getName().equals("ApprovalWorkflow.publish")));
        SpanData publish = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("ApprovalWorkflow.publish")).findFirst().orElseThrow();
        SpanData http = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(publish.getTraceId()) && span.getName().startsWith("POST"))
                .findFirst().orElseThrow(() -> new AssertionError("no HTTP span in the publish step's trace: "
                        + spans.getFinishedSpanItems()));
        assertThat(publish.getParentSpanId()).isEqualTo(http.getSpanId());
    }
}
