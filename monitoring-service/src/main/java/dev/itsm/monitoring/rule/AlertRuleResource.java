package dev.itsm.monitoring.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.IdempotentCreate;
import dev.itsm.platform.http.ListParameters;
import dev.itsm.platform.http.Paging;
import dev.itsm.platform.http.QueryParams;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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

/** Alert rules over HTTP. Thin: maps requests to {@link AlertRules}; ETag = version, If-Match required to save. */
@Path("/api/v1/monitoring/rules")
@Tag(name = "Alert rules", description = "How alerts are classified: matchers → CI, service, impact/urgency, dedup "
        + "key, auto-resolve, flap window; versioned")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

    static final String BASE = "/api/v1/monitoring/rules/";
    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String ID = "Alert rule id";
    static final String IF_MATCH = "The ETag of the last read (\"<version>\"); required (428 without), another version is 412";
    static final String SORT_RULE = "Sort by position, name, updatedAt: comma-separated, prefix - for descending; "
            + "default position,name (the order rules are tried in)";
    static final String RULE_EXAMPLE = """
            {"name":"Web tier disks","description":"Disk alerts of the web servers","position":10,
             "matchers":[{"label":"alertname","op":"REGEX","value":"Disk.*|Filesystem.*"},{"label":"env","op":"EQ","value":"prod"}],
             "ci":{"from":"LOOKUP","label":"instance","table":{"10.0.0.5:9100":"web-01","10.0.0.6:9100":"web-02"},"default":"web-tier"},
             "severities":{"critical":{"impact":"HIGH","urgency":"HIGH"},"page":{"impact":"HIGH","urgency":"HIGH"}},
             "dedupKeyTemplate":"{{alertname}}/{{instance}}/{{mountpoint}}","autoResolve":true,"flapWindow":"PT10M",
             "openIncident":true}""";
    static final String INVALID_RULE = """
            {"type":"https://itsm.dev/problems/invalid-rule","title":"Invalid alert rule","status":422,\
            "detail":"/matchers/0/value: is not a valid regular expression: Unclosed group",\
            "instance":"/api/v1/monitoring/rules",\
            "errors":[{"field":"/matchers/0/value","message":"is not a valid regular expression: Unclosed group"}]}""";
    static final String DUPLICATE = """
            {"type":"https://itsm.dev/problems/duplicate-key","title":"Duplicate","status":409,\
            "detail":"An alert rule named 'Web tier disks' exists","instance":"/api/v1/monitoring/rules",\
            "field":"name","value":"Web tier disks","existingId":"0d7c9a52-3f7e-4c8b-9a1d-6e5f4a3b2c1d"}""";
    static final String PRECONDITION_REQUIRED = """
            {"type":"https://itsm.dev/problems/precondition-required","title":"Precondition required","status":428,\
            "detail":"If-Match is required: send the ETag of the rule as last read, so no one's save is overwritten",\
            "instance":"/api/v1/monitoring/rules/0d7c9a52-3f7e-4c8b-9a1d-6e5f4a3b2c1d"}""";

    private final AlertRules rules;
    private final IdempotentCreate idempotent;

    AlertRuleResource(AlertRules rules, IdempotentCreate idempotent) {
        this.rules = rules;
        this.idempotent = idempotent;
    }

    @POST
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringCreateRule", summary = "Create an alert rule",
            description = "Version 1 of a new rule; the processor uses it from its next batch. Regexes are checked "
                    + "(422 invalid-rule with a JSON pointer per error). Accepts Idempotency-Key.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleRequest.class),
            examples = @ExampleObject(name = "web-disks", value = RULE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created (ETag and Location set)",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "409", description = "duplicate-key: a rule of that name exists",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "duplicate-key", value = DUPLICATE)))
    @APIResponse(responseCode = "422", description = "invalid-rule (bad regex, LOOKUP without table, flapWindow out "
            + "of PT0S..PT24H, unknown impact/urgency, …), or Idempotency-Key reused with another body",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-rule", value = INVALID_RULE)))
    public Response create(@NotNull @Valid AlertRuleRequest request,
            @Parameter(description = "Makes retries safe: a replay returns the first response")
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey,
            @Context SecurityContext security) {
        return idempotent.create("monitoring-rules", idempotencyKey, request, () -> {
            AlertRuleView v = rules.create(request, caller(security));
            return new IdempotentCreate.Created(URI.create(BASE + v.id()), v, v.version());
        });
    }

    @GET
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringListRules", summary = "List alert rules",
            description = "Rules not deleted; filters combine with AND. " + SORT_RULE)
    @APIResponse(responseCode = "200", description = "One page of rules (Link header with next)",
            content = @Content(schema = @Schema(implementation = AlertRulePage.class)))
    public Response list(
            @Parameter(description = "Only enabled (true) or disabled (false) rules",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("enabled") String enabled,
            @Parameter(description = "A substring of the name (any case)", example = "disk") @QueryParam("q") String q,
            @Parameter(description = SORT_RULE, example = "position,name") @QueryParam("sort") String sort,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
            @Context UriInfo uri) {
        Sort order = Sort.parse(sort, AlertRules.SORTABLE, AlertRules.DEFAULT_SORT);
        return Paging.ok(rules.list(QueryParams.page(page, size, cursor, count, q), order,
                QueryParams.bool("enabled", enabled), QueryParams.text(q)), uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringGetRule", summary = "Get an alert rule",
            description = "The current version (also of a deleted rule: deleted true); the ETag is its version")
    @APIResponse(responseCode = "200", description = "The rule",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id) {
        return ok(rules.get(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringReplaceRule", summary = "Replace an alert rule",
            description = "Saves the request as the rule's next version (absent fields take their defaults); the "
                    + "previous version is kept (see versions). If-Match is required.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlertRuleRequest.class),
            examples = @ExampleObject(name = "web-disks", value = RULE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version (ETag set)",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule, or deleted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "duplicate-key: another rule has that name",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "duplicate-key", value = DUPLICATE)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "invalid-rule (each field named by a JSON pointer)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-rule", value = INVALID_RULE)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "precondition-required", value = PRECONDITION_REQUIRED)))
    public Response replace(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id, @NotNull @Valid AlertRuleRequest request,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(rules.replace(id, request, ifMatch, caller(security)));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringUpdateRule", summary = "Change an alert rule (JSON merge patch)",
            description = "Merged onto the current version and saved as the next one; If-Match is required.")
    @RequestBody(required = true, content = @Content(mediaType = "application/merge-patch+json",
            schema = @Schema(implementation = AlertRulePatch.class),
            examples = @ExampleObject(name = "disable", value = "{\"enabled\":false}")))
    @APIResponse(responseCode = "200", description = "The new version (ETag set)",
            content = @Content(schema = @Schema(implementation = AlertRuleView.class)))
    @APIResponse(responseCode = "404", description = "No such rule, or deleted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "duplicate-key: another rule has that name",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "duplicate-key", value = DUPLICATE)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "invalid-rule (each field named by a JSON pointer)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-rule", value = INVALID_RULE)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "precondition-required", value = PRECONDITION_REQUIRED)))
    public Response patch(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id, @NotNull JsonNode patch,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return ok(rules.patch(id, patch, ifMatch, caller(security)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringDeleteRule", summary = "Delete an alert rule",
            description = "Soft delete: the rule classifies nothing from the processor's next batch and leaves the "
                    + "list; it stays readable with its versions (alerts refer to them). If-Match is required.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule, or already deleted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "precondition-required", value = PRECONDITION_REQUIRED)))
    public Response delete(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id,
            @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        rules.delete(id, ifMatch, caller(security));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({ Roles.READER, Roles.AGENT, Roles.INTEGRATION_ADMIN, Roles.ADMIN })
    @Operation(operationId = "monitoringListRuleVersions", summary = "List the saved versions of an alert rule",
            description = "Every version as it was saved, newest first (a small collection: paged by number)")
    @APIResponse(responseCode = "200", description = "One page of versions",
            content = @Content(schema = @Schema(implementation = AlertRulePage.class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public Response versions(@Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") UUID id,
            @Parameter(description = ListParameters.PAGE, schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 500", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        return Paging.ok(rules.versions(id, QueryParams.page(page, size)), uri);
    }

    private static Response ok(AlertRuleView v) {
        return Response.ok(v).tag(ETags.entityTag(v.version())).build();
    }

    private static String caller(SecurityContext security) {
        return security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
    }

    /** OpenAPI shape of the paged lists: the platform's Page with the item type named. */
    @Schema(name = "AlertRulePage")
    record AlertRulePage(
            @Schema(description = "The items of this page") List<AlertRuleView> items,
            @Schema(description = "Zero-based page number; absent on a page reached by cursor", example = "0") Integer page,
            @Schema(description = "Requested page size", example = "50") int size,
            @Schema(description = "Rows matching the query over all pages: exact when totalExact is true, otherwise a "
                    + "lower bound (see the count parameter); absent when not counted", example = "12") Long total,
            @Schema(description = "Whether total is exact (true) or a lower bound (false); absent with total",
                    example = "true") Boolean totalExact,
            @Schema(description = "Cursor of the next page: send it back as ?cursor= (with the same filters). Absent "
                    + "on the last page", example = "eyJvIjoicG9zaXRpb24iLCJrIjpbMTBdfQ") String next) {
    }
}
