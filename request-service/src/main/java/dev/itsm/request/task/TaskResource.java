package dev.itsm.request.task;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import dev.itsm.request.Caller;
import dev.itsm.request.RequestQueries;
import dev.itsm.request.RequestResource;
import dev.itsm.request.RequestService;
import dev.itsm.request.api.CompleteTaskRequest;
import dev.itsm.request.api.NoteRequest;
import dev.itsm.request.api.TaskView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * The fulfilment queues and the task commands (agents and admins; readers may look). Each command goes
 * through the task's request, so the task, its item and the request move together.
 */
@Path("/api/v1/requests/tasks")
@Tag(name = "Fulfilment tasks", description = "The fulfillers' queues: deliveries, access provisioning, work")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    static final String NOT_FOUND = "No such task";
    static final String ID = "Task id";
    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot retry task TASK0001000 in state OPEN; allowed: start, complete, fail",\
            "instance":"/api/v1/requests/tasks/4c5d6e7f-8091-4a2b-9c3d-4e5f60718293/retry","currentState":"OPEN",\
            "command":"retry","allowedCommands":["start","complete","fail"]}""";
    static final String CONFLICT = "Not allowed in the task's state (names it and the allowed commands), or changed concurrently";

    private final RequestService requests;
    private final RequestQueries queries;

    TaskResource(RequestService requests, RequestQueries queries) {
        this.requests = requests;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "listFulfilmentTasks", summary = "A fulfilment queue", description = "Filters combine with AND; oldest first")
    @APIResponse(responseCode = "200", description = "One page of tasks", content = @Content(schema = @Schema(implementation = TaskPage.class)))
    public Response list(
            @Parameter(description = "The group whose queue it is", example = "workplace-logistics") @QueryParam("assignmentGroup") String assignmentGroup,
            @Parameter(description = "Only these states (repeat the parameter, or comma-separate the values)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TaskState.class),
                    examples = @ExampleObject(name = "to-do", value = "[\"OPEN\",\"IN_PROGRESS\"]")) @QueryParam("state") List<String> state,
            @Parameter(description = "Tasks of this fulfiller", example = "fred") @QueryParam("assignee") String assignee,
            @Parameter(description = "Tasks of this request", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("requestId") String requestId,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        return Paging.ok(queries.tasks(QueryParams.text(assignmentGroup), QueryParams.enumValues("state", state, TaskState.class),
                QueryParams.text(assignee), QueryParams.uuid("requestId", requestId), QueryParams.page(page, size, cursor, count))
                .map(TaskView::of), uri);
    }

    @GET
    @Path("{taskId}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "getFulfilmentTask", summary = "Get a task")
    @APIResponse(responseCode = "200", description = "The task", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public TaskView get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("taskId") UUID taskId) {
        return TaskView.of(requests.task(taskId));
    }

    @POST
    @Path("{taskId}/start")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "startFulfilmentTask", summary = "Start a task (→ IN_PROGRESS)", description = "The caller becomes its assignee unless it has one")
    @RequestBody(content = @Content(schema = @Schema(implementation = NoteRequest.class),
            examples = @ExampleObject(name = "start", value = "{\"note\":\"Picked from stock, imaging now\"}")))
    @APIResponse(responseCode = "200", description = "Started", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public TaskView start(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("taskId") UUID taskId,
            @Valid NoteRequest body, @Context SecurityContext security) {
        return TaskView.of(requests.startTask(taskId, Caller.of(security), body == null ? null : body.note()));
    }

    @POST
    @Path("{taskId}/complete")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "completeFulfilmentTask", summary = "Complete a task (→ COMPLETED)", description = "Fulfils its item "
            + "(FulfilmentTaskCompleted); an ACCESS_PROVISIONING task also grants the access (AccessGranted, ACTIVE until "
            + "the component's period ends); the last item fulfils the request (ServiceRequestFulfilled)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CompleteTaskRequest.class),
            examples = @ExampleObject(name = "delivered", value = "{\"note\":\"Shipped\",\"trackingReference\":\"1Z999AA10123456784\"}")))
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public TaskView complete(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("taskId") UUID taskId,
            @Valid CompleteTaskRequest body, @Context SecurityContext security) {
        return TaskView.of(requests.completeTask(taskId, Caller.of(security), body == null ? null : body.note(),
                body == null ? null : body.trackingReference()));
    }

    @POST
    @Path("{taskId}/fail")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "failFulfilmentTask", summary = "Fail a task (→ FAILED)", description = "The note says why (required); "
            + "its item is FAILED until the task is retried (FulfilmentTaskFailed)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NoteRequest.class),
            examples = @ExampleObject(name = "out-of-stock", value = "{\"note\":\"Model out of stock until next week\"}")))
    @APIResponse(responseCode = "200", description = "Failed", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public TaskView fail(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("taskId") UUID taskId,
            @NotNull @Valid NoteRequest body, @Context SecurityContext security) {
        return TaskView.of(requests.failTask(taskId, Caller.of(security), body.note()));
    }

    @POST
    @Path("{taskId}/retry")
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(operationId = "retryFulfilmentTask", summary = "Retry a failed task (→ OPEN)", description = "Its item is "
            + "IN_FULFILMENT again (RequestItemFulfilmentStarted)")
    @RequestBody(content = @Content(schema = @Schema(implementation = NoteRequest.class),
            examples = @ExampleObject(name = "retry", value = "{\"note\":\"Stock arrived\"}")))
    @APIResponse(responseCode = "200", description = "Open again", content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    @APIResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "illegal-transition", value = ILLEGAL_TRANSITION)))
    public TaskView retry(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("taskId") UUID taskId,
            @Valid NoteRequest body, @Context SecurityContext security) {
        return TaskView.of(requests.retryTask(taskId, Caller.of(security), body == null ? null : body.note()));
    }

    @Schema(name = "FulfilmentTaskPage")
    record TaskPage(
            @Schema(description = "The items of this page") List<TaskView> items,
            @Schema(description = RequestResource.PAGE_NUMBER, example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = RequestResource.TOTAL, example = "17") Long total,
            @Schema(description = RequestResource.TOTAL_EXACT, example = "true") Boolean totalExact,
            @Schema(description = RequestResource.NEXT, example = RequestResource.NEXT_EXAMPLE) String next) {
    }
}
