package dev.itsm.platform.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The operator's API of a service's event plumbing: parked outbox rows (list, re-drive) and the
 * dead-letter topics of what it consumes (list, replay), all for {@code itsm-admin} only. A service
 * exposes it under its own base path with a subclass and nothing else:
 *
 * <pre>
 * &#64;Path("/api/v1/incidents/admin")
 * public class IncidentAdminResource extends AdminResource {
 * }
 * </pre>
 *
 * The beans are field-injected so that subclass needs no constructor.
 */
@Tag(name = "Operations", description = "Parked outbox events and dead-lettered consumed events (itsm-admin)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class AdminResource {

    /**
     * Quarkus writes a {@code @RolesAllowed} method's roles into its OpenAPI security requirement only
     * for methods declared by the resource class itself, not inherited ones: so they are declared
     * here (the gateway and the auth matrix read them from the document).
     */
    private static final String BEARER = "bearer";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    static final String PARKED_EXAMPLE = """
            [{"id":4711,"eventId":"0b7c1c1e-5f38-4b7e-9a41-2f7b0c3d9e10","topic":"itsm.change.events",
              "eventType":"dev.itsm.change.ChangeUpdated","aggregateId":"5d0f3c8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
              "occurredAt":"2026-12-01T09:14:03.120Z","payloadBytes":1843022,"failedAt":"2026-12-01T09:14:03.410Z",
              "failure":"org.apache.kafka.common.errors.RecordTooLargeException: The message is 1843190 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration."},
             {"id":4712,"eventId":"6a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6","topic":"itsm.change.events",
              "eventType":"dev.itsm.change.ChangeSubmitted","aggregateId":"5d0f3c8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
              "occurredAt":"2026-12-01T09:15:10.000Z","payloadBytes":912,"failedAt":"2026-12-01T09:15:10.220Z",
              "failure":"waits behind parked outbox row 4711"}]""";
    static final String DEAD_LETTER_EXAMPLE = """
            [{"topic":"itsm.catalog.events.dlq","partition":0,"offset":17,"key":"3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01",
              "ceId":"8c2e0f4a-7b1d-4e2f-9a3b-5c6d7e8f9a0b","ceType":"dev.itsm.catalog.ServiceStatusChanged",
              "originalTopic":"itsm.catalog.events","errorClass":"java.lang.IllegalStateException",
              "errorMessage":"could not apply the status change","failedAt":"2026-12-01T09:20:31.004Z"}]""";

    @Inject
    ParkedEvents parked;

    @Inject
    DeadLetters deadLetters;

    @GET
    @Path("outbox/parked")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.ADMIN)
    @Operation(operationId = "adminListParkedEvents", summary = "List parked outbox events", description = "Events this service could never publish (too large, "
            + "invalid, not serialisable), with the error, and the later events of the same aggregate parked behind them; "
            + "oldest first. Their count is the metric itsm_outbox_parked_events.")
    @APIResponse(responseCode = "200", description = "Parked rows, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ParkedEvent.class),
                    examples = @ExampleObject(name = "too-large", value = PARKED_EXAMPLE)))
    public List<ParkedEvent> parkedEvents(
            @Parameter(description = "At most this many rows (1..1000)", example = "100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("limit") String limit) {
        return parked.list(limit(limit));
    }

    @POST
    @Path("outbox/parked/redrive")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.ADMIN)
    @Operation(operationId = "adminRedriveParkedEvents", summary = "Re-drive parked outbox events", description = "Sets the given parked rows, and the rows of their "
            + "aggregates parked behind them, pending again (all parked rows when ids is absent); the relay publishes them "
            + "in order. A row whose cause is still there is parked again.")
    @RequestBody(content = @Content(schema = @Schema(implementation = RedriveRequest.class), examples = {
            @ExampleObject(name = "some", value = "{\"ids\":[4711]}"),
            @ExampleObject(name = "all", value = "{}") }))
    @APIResponse(responseCode = "200", description = "How many rows are pending again",
            content = @Content(schema = @Schema(implementation = RedriveResult.class),
                    examples = @ExampleObject(name = "redriven", value = "{\"redriven\":2}")))
    public RedriveResult redrive(RedriveRequest request) {
        return new RedriveResult(parked.redrive(request == null ? null : request.ids()));
    }

    @GET
    @Path("dead-letters")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.ADMIN)
    @Operation(operationId = "adminListDeadLetters", summary = "List dead-lettered events", description = "Records on <topic>.dlq of the topics this service "
            + "consumes, oldest first, with the consumer's error (dlq_error_class, dlq_error_message) and when it failed.")
    @APIResponse(responseCode = "200", description = "Dead letters, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetter.class),
                    examples = @ExampleObject(name = "one", value = DEAD_LETTER_EXAMPLE)))
    public List<DeadLetter> deadLetters(
            @Parameter(description = "A consumed topic (all consumed topics when absent)", example = "itsm.catalog.events")
            @QueryParam("topic") String topic,
            @Parameter(description = "At most this many records (1..1000)", example = "100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) @QueryParam("limit") String limit) {
        return deadLetters.list(QueryParams.text(topic), limit(limit));
    }

    @POST
    @Path("dead-letters/replay")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = BEARER, scopes = Roles.ADMIN)
    @Operation(operationId = "adminReplayDeadLetters", summary = "Replay dead-lettered events", description = "Hands the dead letters of a consumed topic that "
            + "match the filter (ce_id list and/or an inclusive offset range of the dead-letter topic) to this service's "
            + "handlers, as its consumer would (CloudEvent and origin checks, inbox); nothing is published. One already "
            + "processed is a no-op, one that fails again is listed under failed with its error. The dead-letter topic "
            + "itself is left as it is.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplayRequest.class), examples = {
            @ExampleObject(name = "by-id", value = "{\"topic\":\"itsm.catalog.events\",\"ceIds\":[\"8c2e0f4a-7b1d-4e2f-9a3b-5c6d7e8f9a0b\"]}"),
            @ExampleObject(name = "by-offset", value = "{\"topic\":\"itsm.catalog.events\",\"partition\":0,\"fromOffset\":10,\"toOffset\":17}"),
            @ExampleObject(name = "whole-topic", value = "{\"topic\":\"itsm.catalog.events\"}") }))
    @APIResponse(responseCode = "200", description = "Counts: read from the dead-letter topic, matching, handled now, "
            + "already processed; and the dead letters that failed again, with their error",
            content = @Content(schema = @Schema(implementation = ReplayResult.class), examples = @ExampleObject(name = "replayed",
                    value = "{\"deadLetterTopic\":\"itsm.catalog.events.dlq\",\"read\":18,\"matched\":2,\"replayed\":1,"
                            + "\"alreadyProcessed\":0,\"failed\":[{\"partition\":0,\"offset\":12,"
                            + "\"ceId\":\"8c2e0f4a-7b1d-4e2f-9a3b-5c6d7e8f9a0b\",\"errorClass\":\"java.lang.IllegalStateException\","
                            + "\"errorMessage\":\"...\"}]}")))
    public ReplayResult replay(ReplayRequest request) {
        if (request == null) {
            throw new ValidationException("topic", "name the consumed topic whose dead letters to replay");
        }
        return deadLetters.replay(request);
    }

    private static int limit(String raw) {
        Integer limit = QueryParams.integer("limit", raw);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
