package dev.itsm.change.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.change.request.ChangeRequest;
import dev.itsm.change.request.ChangeState;
import dev.itsm.change.request.ChangeType;
import dev.itsm.change.request.CloseCode;
import dev.itsm.change.request.OverrideRecord;
import dev.itsm.change.risk.Risk;
import dev.itsm.platform.approval.ApprovalDecision;
import dev.itsm.platform.approval.ApprovalLevel;

/** A change request as the API shows it, with its approval history and the commands it accepts now. */
@Schema(name = "ChangeView")
public record ChangeView(UUID id, @Schema(example = "CHG0000042") String number, String title, String description,
        String justification, ChangeType type, UUID modelId, ChangeState state, List<String> allowedCommands,
        List<UUID> serviceIds, List<UUID> ciIds, String implementationPlan, String backoutPlan, String testPlan,
        Risk risk, Integer riskScore, Integer impactedServiceCount, Map<String, Boolean> riskAnswers,
        Instant plannedStart, Instant plannedEnd, Instant actualStart, Instant actualEnd, CloseCode closeCode,
        String closeNotes, ApprovalStatus approvalStatus, List<ApprovalLevel> approvalLevels,
        List<ApprovalDecision> approvalDecisions, OverrideRecord conflictOverride, String cancelReason,
        List<IncidentLink> linkedIncidents, String requestedBy, Instant createdAt, Instant updatedAt, long version) {

    public static ChangeView of(ChangeRequest c, List<IncidentLink> links) {
        return new ChangeView(c.id(), c.number(), c.title(), c.description(), c.justification(), c.type(), c.modelId(), c.state(),
                c.allowedCommands(), c.serviceIds(), c.ciIds(), c.plans().implementation(), c.plans().backout(), c.plans().test(), c.risk(),
                c.riskScore(), c.impactedServiceCount(), c.riskAnswers(), c.plannedStart(), c.plannedEnd(), c.actualStart(),
                c.actualEnd(), c.closeCode(), c.closeNotes(), c.approvalStatus(), c.approvalLevels(), c.approvalDecisions(),
                c.overrideRecord(), c.cancelReason(), links, c.requestedBy(), c.createdAt(), c.updatedAt(), c.version());
    }
}
