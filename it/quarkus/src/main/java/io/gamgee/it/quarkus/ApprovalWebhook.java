package io.gamgee.it.quarkus;

import io.gamgee.core.SendResult;
import io.gamgee.core.WorkflowClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The webhook a review tool calls with a decision; its delivery id makes retries harmless. */
@Path("/webhooks/approvals")
public class ApprovalWebhook {

    @Inject
    WorkflowClient workflows;

    @POST
    @Path("/{document}/{decision}")
    public Response decide(@PathParam("document") String document, @PathParam("decision") String decision,
            @HeaderParam("Delivery-Id") String deliveryId, @HeaderParam("Reviewer") String reviewer) {
        SendResult result = switch (decision) {
            case "approved" -> workflows.send(ApprovalWorkflow.class, document,
                    ApprovalWorkflow.Events.approved(new PublishPayload(document, reviewer)).withId(deliveryId));
            case "rejected" -> workflows.send(ApprovalWorkflow.class, document,
                    ApprovalWorkflow.Events.rejected(new ArchivePayload(document, "rejected by " + reviewer))
                            .withId(deliveryId));
            default -> null;
        };
        if (result == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity("unknown decision " + decision).build();
        }
        Response.Status status = switch (result) {
            case DELIVERED, QUEUED, DUPLICATE -> Response.Status.OK;
            case UNKNOWN_INSTANCE, WRONG_WORKFLOW -> Response.Status.NOT_FOUND;
            case FINISHED -> Response.Status.CONFLICT;
        };
        return Response.status(status).entity(result.name()).build();
    }
}
