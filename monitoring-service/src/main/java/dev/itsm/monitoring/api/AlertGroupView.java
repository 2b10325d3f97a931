package dev.itsm.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.monitoring.replica.IncidentLink;

@Schema(name = "AlertGroupView", description = "Alerts correlated over the CI graph around a root-cause candidate: one "
        + "incident per group; version is its ETag")
public record AlertGroupView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "0b7c1c1e-5f38-4b7e-9a41-2f7b0c3d9e10") UUID id,
        @Schema(example = "ALG0001007") String number,
        @Schema(example = "Disk almost full on db-01 on db-01") String title,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true,
                description = "The root-cause candidate: the CI upstream of (or shared by) its alerts' CIs; null for a "
                        + "group of alerts without a CI (one per service and alert name)") UUID rootCiId,
        @Schema(nullable = true, example = "db-01") String rootCiName,
        @Schema(description = "Union of its alerts' services") List<UUID> serviceIds,
        @Schema(description = "Spans two services or more: the incident is declared major", example = "false") boolean major,
        GroupState state,
        @Schema(nullable = true, description = "The highest of its alerts'", example = "critical") String severity,
        @Schema(nullable = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "HIGH") String impact,
        @Schema(nullable = true, enumeration = { "HIGH", "MEDIUM", "LOW" }, example = "HIGH") String urgency,
        @Schema(description = "Alerts that joined it", example = "3") int alertCount,
        @Schema(description = "Alerts FIRING and not suppressed; 0 starts its resolution", example = "2") int firingCount,
        @Schema(description = "Every member's rule lets it resolve the incident", example = "true") boolean autoResolve,
        @Schema(description = "Some member's rule asks for an incident", example = "true") boolean openIncident,
        @Schema(nullable = true, description = "The first alert's description, for the incident") String description,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant openedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "The latest alert that joined or fired again")
        Instant lastAlertAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "Every alert clear since then: it resolves once the longest flap window has passed")
        Instant resolvingSince,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant resolvedAt,
        @Schema(description = "Times it reopened within the reopen window", example = "0") int reopenCount,
        @Schema(nullable = true, description = "The incident opened for it; null until incident-service opened one "
                + "(or never, when no member asks for an incident)") IncidentLinkView incident,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "Changes with every alert that joins, clears or fires again", example = "5") long version) {

    public static AlertGroupView of(AlertGroup g, IncidentLink incident) {
        return new AlertGroupView(g.id(), g.number(), g.title(), g.rootCiId(), g.rootCiName(), g.serviceIds(), g.major(),
                g.state(), g.severity(), g.impact(), g.urgency(), g.alertCount(), g.firingCount(), g.autoResolve(),
                g.openIncident(), g.description(), g.openedAt(), g.lastAlertAt(), g.resolvingSince(), g.resolvedAt(),
                g.reopenCount(), incident == null ? null : IncidentLinkView.of(incident), g.updatedAt(), g.version());
    }
}
