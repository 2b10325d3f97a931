package dev.itsm.monitoring.intake;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where monitoring tools send alerts. Thin: the body is taken as bytes so that {@link Intake} can check its size,
 * answer every problem as problem+json and point at each invalid field; 202 once the alerts are durably queued.
 */
@Path("/api/v1/monitoring")
@Tag(name = "Alert intake", description = "Alerts in: Prometheus Alertmanager's webhook, any tool's JSON events, "
        + "CloudEvents; queued durably, processed asynchronously")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String CLOUDEVENTS = "application/cloudevents+json";
    static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";

    static final String ALERTMANAGER_EXAMPLE = """
            {"receiver":"itsm","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"ProbeFailure",\
            "instance":"web-01:9115","job":"http_checks","monitor":"master","severity":"critical"},"annotations":\
            {"description":"Instance web-01 has been down for over 5m. Job: http_checks","summary":"BlackBox Probe \
            Failure: web-01"},"startsAt":"2026-02-06T13:08:45.828Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":\
            "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1","fingerprint":\
            "1a30ba71cca2921f"}],"groupLabels":{"alertname":"ProbeFailure"},"commonLabels":{"alertname":"ProbeFailure",\
            "instance":"web-01:9115","job":"http_checks","monitor":"master","severity":"critical"},"commonAnnotations":\
            {"description":"Instance web-01 has been down for over 5m. Job: http_checks","summary":"BlackBox Probe \
            Failure: web-01"},"externalURL":"http://alertmanager.example.org:9093","version":"4","groupKey":\
            "{}/{severity=\\"critical\\"}:{alertname=\\"ProbeFailure\\"}","truncatedAlerts":0}""";
    static final String EVENT_EXAMPLE = """
            {"source":"zabbix","status":"FIRING","dedupKey":"web-01/disk-full","name":"DiskFull","severity":"major",\
            "summary":"Disk /var is 97% full","ci":"web-01","labels":{"mount":"/var"},"occurredAt":"2026-02-06T13:08:45Z"}""";
    static final String EVENTS_EXAMPLE = """
            [{"source":"zabbix","name":"DiskFull","severity":"major","ci":"web-01","dedupKey":"web-01/disk-full"},\
            {"source":"zabbix","status":"RESOLVED","name":"HighLoad","ci":"db-01","dedupKey":"db-01/high-load"}]""";
    static final String CLOUDEVENT_EXAMPLE = """
            {"specversion":"1.0","id":"4f6c3a3e-9d8b-4c1e-8a51-2b7f0e6d5c4a","source":"/zabbix/prod",\
            "type":"com.zabbix.problem","subject":"web-01/disk-full","time":"2026-02-06T13:08:45Z",\
            "datacontenttype":"application/json","data":{"name":"DiskFull","severity":"major","ci":"web-01",\
            "summary":"Disk /var is 97% full"}}""";
    static final String CLOUDEVENT_BATCH_EXAMPLE = "[" + CLOUDEVENT_EXAMPLE + "]";
    static final String RECEIPT_EXAMPLE = """
            {"accepted":1,"rejected":[{"index":1,"fingerprint":"3c9d1f0e2b4a6c8d",\
            "errors":[{"field":"/alerts/1/startsAt","message":"is required"}]}]}""";
    static final String INVALID_ALERTS = """
            {"type":"https://itsm.dev/problems/invalid-alerts","title":"Invalid alerts","status":422,\
            "detail":"All 1 alerts were rejected; nothing was stored","instance":"/api/v1/monitoring/alertmanager",\
            "errors":[{"field":"/alerts/0/labels/alertname","message":"is required"}]}""";
    static final String TOO_LARGE = """
            {"type":"https://itsm.dev/problems/payload-too-large","title":"Payload too large","status":413,\
            "detail":"The body has 2097152 bytes; at most 1048576 are accepted: send fewer alerts per request",\
            "instance":"/api/v1/monitoring/alertmanager","maxBodyBytes":1048576}""";
    static final String UNSUPPORTED = """
            {"type":"https://itsm.dev/problems/unsupported-media-type","title":"Unsupported media type","status":415,\
            "detail":"Content-Type text/plain is not accepted","instance":"/api/v1/monitoring/events"}""";

    private final Intake intake;

    IntakeResource(Intake intake) {
        this.intake = intake;
    }

    @POST
    @Path("alertmanager")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.EVENT_SOURCE, Roles.ADMIN })
    @Operation(operationId = "monitoringAlertmanagerWebhook", summary = "Receive an Alertmanager webhook",
            description = "Prometheus Alertmanager's webhook_config payload (version 4), exactly as Alertmanager sends "
                    + "it (send_resolved: true lets resolved alerts close what they opened). Each alert needs status, "
                    + "labels.alertname and startsAt; endsAt 0001-01-01T00:00:00Z (a firing alert) is read as none. "
                    + "The valid alerts are queued in one transaction and processed asynchronously (deduplicated, "
                    + "correlated, incidents); invalid ones are listed in `rejected` with a JSON pointer per error. "
                    + "All invalid: 422 invalid-alerts, nothing stored. At most monitoring.intake.max-alerts (1,000) "
                    + "alerts and monitoring.intake.max-body-bytes (1 MiB) per request (413).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AlertmanagerWebhook.class),
            examples = @ExampleObject(name = "alertmanager", summary = "A firing alert as Alertmanager sends it",
                    value = ALERTMANAGER_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Queued (the accepted ones); rejected alerts listed",
            content = @Content(schema = @Schema(implementation = IntakeReceipt.class),
                    examples = @ExampleObject(name = "partly-rejected", value = RECEIPT_EXAMPLE)))
    @APIResponse(responseCode = "413", description = "payload-too-large (body over 1 MiB) or too-many-alerts",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "payload-too-large", value = TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported-media-type", value = UNSUPPORTED)))
    @APIResponse(responseCode = "422", description = "invalid-alerts (every alert rejected, nothing stored) or "
            + "invalid-payload (version is not \"4\", alerts is not an array)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-alerts", value = INVALID_ALERTS)))
    public Response alertmanager(byte[] body) {
        return Response.accepted(intake.accept(body, Intake.Format.ALERTMANAGER)).build();
    }

    @POST
    @Path("events")
    @Consumes({ MediaType.APPLICATION_JSON, CLOUDEVENTS, CLOUDEVENTS_BATCH })
    @RolesAllowed({ Roles.EVENT_SOURCE, Roles.ADMIN })
    @Operation(operationId = "monitoringEventIntake", summary = "Receive monitoring events",
            description = "Any tool's events: application/json with an array of MonitoringEventRequest (a single "
                    + "MonitoringEventRequest not wrapped in an array is accepted too); "
                    + "CloudEvents structured mode, application/cloudevents+json (one event) or "
                    + "application/cloudevents-batch+json (an array), whose data is a MonitoringEventRequest (source "
                    + "defaults to the event's source, dedupKey to its subject, occurredAt to its time). Valid events "
                    + "are queued in one transaction and processed asynchronously; invalid ones are listed in "
                    + "`rejected` with a JSON pointer per error (e.g. /3/severity). All invalid: 422 invalid-alerts, "
                    + "nothing stored. At most 1,000 events and 1 MiB per request (413).")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    // Documented as an array only: a oneOf of an object and an array is what the intake reads,
                    // but client generators cannot type it (openapi-generator's Java client does not compile it,
                    // OpenAPITools/openapi-generator#12911); a bare object is still accepted, as the text says.
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = MonitoringEventRequest.class),
                    examples = {
                            @ExampleObject(name = "event", summary = "One event", value = "[" + EVENT_EXAMPLE + "]"),
                            @ExampleObject(name = "events", summary = "A batch", value = EVENTS_EXAMPLE) }),
            @Content(mediaType = CLOUDEVENTS, schema = @Schema(implementation = MonitoringCloudEvent.class),
                    examples = @ExampleObject(name = "cloudevent", summary = "One CloudEvent",
                            value = CLOUDEVENT_EXAMPLE)),
            @Content(mediaType = CLOUDEVENTS_BATCH,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = MonitoringCloudEvent.class),
                    examples = @ExampleObject(name = "cloudevent-batch", summary = "A CloudEvents batch",
                            value = CLOUDEVENT_BATCH_EXAMPLE)) })
    @APIResponse(responseCode = "202", description = "Queued (the accepted ones); rejected events listed",
            content = @Content(schema = @Schema(implementation = IntakeReceipt.class),
                    examples = @ExampleObject(name = "partly-rejected", value = RECEIPT_EXAMPLE)))
    @APIResponse(responseCode = "413", description = "payload-too-large (body over 1 MiB) or too-many-alerts",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "payload-too-large", value = TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "Not one of the three media types",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported-media-type", value = UNSUPPORTED)))
    @APIResponse(responseCode = "422", description = "invalid-alerts (every event rejected, nothing stored) or "
            + "invalid-payload (a CloudEvents batch that is not an array)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-alerts", value = INVALID_ALERTS)))
    public Response events(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Intake.Format format = type.startsWith(CLOUDEVENTS_BATCH) ? Intake.Format.CLOUDEVENT_BATCH
                : type.startsWith(CLOUDEVENTS) ? Intake.Format.CLOUDEVENT : Intake.Format.JSON;
        return Response.accepted(intake.accept(body, format)).build();
    }
}
