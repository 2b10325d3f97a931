package dev.itsm.sla.agreement;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /agreements/{id}} as documented: a JSON merge patch (RFC 7396) onto the current
 * {@link AgreementDefinition}, so every field is optional. The resource applies the patch with the platform's
 * {@code MergePatch} and validates the result as a whole; this record only describes the shape.
 */
@Schema(name = "AgreementPatch", description = "JSON merge patch of an agreement: absent fields stay, objects merge, "
        + "arrays are replaced whole; null clears supplier and resets appliesTo, calendarId, pauseConditions and warningThresholds to their "
        + "defaults. The result must be a valid agreement.")
public record AgreementPatch(
        @Schema(description = "Unique name", example = "Gold service desk SLA") String name,
        @Schema(description = "SLA (customer), OLA (internal team) or UC (supplier)") AgreementType type,
        @Schema(description = "Supplier name; required for UC", nullable = true, example = "Acme Hosting Ltd") String supplier,
        @Schema(description = "Which services it covers (each must be known to the catalogue replica)") AgreementDefinition.Scope scope,
        @Schema(description = "Further conditions an incident must meet") AgreementDefinition.AppliesTo appliesTo,
        @Schema(description = "Business calendar", example = "00000000-0000-0000-0000-000000000247") UUID calendarId,
        @Schema(description = "One duration per metric and priority (replaces the list)") List<AgreementDefinition.Target> targets,
        @Schema(description = "When clocks pause") AgreementDefinition.PauseConditions pauseConditions,
        @Schema(description = "Percentages of the target at which SlaWarning is emitted", example = "[60, 90]") List<Integer> warningThresholds,
        @Schema(description = "Fixed once created: only the agreement's own kind is accepted (another is 422 record-kind-mismatch)")
        dev.itsm.sla.timer.RecordKind recordKind) {
}
