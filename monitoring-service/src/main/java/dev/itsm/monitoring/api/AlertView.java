package dev.itsm.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertState;

@Schema(name = "AlertView", description = "An alert as read: one per dedup key while it fires (repeats count in "
        + "occurrences), with the rule's classification, its group and any suppression; version is its ETag")
public record AlertView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7") UUID id,
        @Schema(example = "ALT0000042") String number,
        @Schema(description = "What makes repeats the same alert: the rule's template, else the fingerprint",
                example = "DiskFull/db-01:9100") String dedupKey,
        @Schema(nullable = true, description = "Alertmanager's fingerprint or the sender's dedupKey", example = "c0ffee1234abcd56") String fingerprint,
        @Schema(enumeration = { "ALERTMANAGER", "GENERIC", "CLOUDEVENTS" }, example = "ALERTMANAGER",
                description = "The intake format it came in") String source,
        @Schema(nullable = true, description = "Alertmanager: the receiver; otherwise the sending tool", example = "itsm") String sourceName,
        @Schema(example = "DiskFull") String name,
        @Schema(nullable = true, example = "Disk almost full on db-01") String summary,
        @Schema(nullable = true, example = "/var/lib/postgresql is 97% full") String description,
        @Schema(nullable = true, description = "critical, major, warning, minor or info (or what the rule's severity label said)",
                example = "critical") String severity,
        @Schema(description = "The alert's labels", example = "{\"alertname\":\"DiskFull\",\"instance\":\"db-01:9100\",\"severity\":\"critical\"}")
        Map<String, String> labels,
        @Schema(description = "The alert's annotations", example = "{\"summary\":\"Disk almost full on db-01\"}")
        Map<String, String> annotations,
        @Schema(nullable = true, example = "http://prometheus:9090/graph?g0.expr=disk_used_ratio") String generatorUrl,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true,
                description = "The CI the rule resolved (null: none known)") UUID ciId,
        @Schema(nullable = true, example = "db-01") String ciName,
        @Schema(description = "Services affected: the rule's fixed service, else the CI's") List<UUID> serviceIds,
        @Schema(nullable = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "HIGH") String impact,
        @Schema(nullable = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "HIGH") String urgency,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true,
                description = "The rule that classified it; null = the default rule") UUID ruleId,
        @Schema(nullable = true, description = "The rule's version at the time", example = "3") Long ruleVersion,
        AlertState state,
        @Schema(description = "Commands accepted now", example = "[\"acknowledge\",\"suppress\"]") List<String> allowedCommands,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true, description = "When the sender says it started")
        Instant startsAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true, description = "When it resolved; null while firing")
        Instant endsAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant firstSeenAt,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "The latest firing received (repeats move it)")
        Instant lastSeenAt,
        @Schema(description = "Firings received, repeats included", example = "17") long occurrences,
        @Schema(description = "Times it fired again within its flap window after resolving", example = "0") int flapCount,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true,
                description = "Its alert group; null when unrouted or suppressed before correlation") UUID groupId,
        @Schema(nullable = true, description = "Set while suppressed") SuppressionView suppression,
        @Schema(nullable = true, example = "alice") String acknowledgedBy,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant acknowledgedAt,
        @Schema(nullable = true, description = "Why it could not be routed (no CI and no service): it opens no incident",
                example = "no CI and no service: label ci/instance missing and the rule names none") String unroutedReason,
        @Schema(description = "Whether its rule lets it resolve its group (and the incident)", example = "true") boolean autoResolve,
        @Schema(description = "ISO-8601 duration: a firing within this long after resolving is the same alert (flap)",
                example = "PT5M") String flapWindow,
        @Schema(description = "Whether its rule asks for an incident", example = "true") boolean openIncident,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "The ETag: send it as If-Match to act", example = "4") long version) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id(), a.number(), a.dedupKey(), a.fingerprint(), a.source(), a.sourceName(), a.name(),
                a.summary(), a.description(), a.severity(), a.labels(), a.annotations(), a.generatorUrl(), a.ciId(),
                a.ciName(), a.serviceIds(), a.impact(), a.urgency(), a.ruleId(), a.ruleVersion(), a.state(),
                a.allowedCommands(), a.startsAt(), a.endsAt(), a.firstSeenAt(), a.lastSeenAt(), a.occurrences(),
                a.flapCount(), a.groupId(), SuppressionView.of(a), a.acknowledgedBy(), a.acknowledgedAt(),
                a.unroutedReason(), a.autoResolve(), a.flapWindow().toString(), a.openIncident(), a.createdAt(),
                a.updatedAt(), a.version());
    }
}
