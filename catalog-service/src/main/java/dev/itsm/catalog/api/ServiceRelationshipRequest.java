package dev.itsm.catalog.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.ServiceRelationship;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "ServiceRelationshipRequest", description = "A consumer organisation may order an offering, on these terms")
public record ServiceRelationshipRequest(
        @NotNull UUID organisationId,
        @NotNull UUID offeringId,
        @Schema(example = "fiona", description = "Token subject of a SPONSOR of the organisation: approves spend") @NotBlank @Size(max = 200) String sponsor,
        @Schema(nullable = true, example = "[\"ulla\", \"udo\"]", description = "Token subjects of people of the organisation who may "
                + "order; empty or absent: every person with role USER or CUSTOMER") @Size(max = 1000) List<@NotBlank @Size(max = 200) String> orderers,
        @Schema(description = "From when requests may be placed") @NotNull Instant validFrom,
        @Schema(nullable = true, description = "Until when (exclusive); absent: open-ended. After validFrom") Instant validUntil,
        @Schema(nullable = true, description = "Approval levels in order (the sponsor's budget level follows when the offering has a cost)")
        @Size(max = 10) List<@NotNull @Valid ApprovalLevelDto> approvalLevels) {

    /** The changeable terms, or a 400 naming each broken rule (dates, duplicate orderers, quorum). */
    public ServiceRelationship.Terms terms() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (validUntil != null && validFrom != null && !validUntil.isAfter(validFrom)) {
            errors.add(new Problem.FieldError("validUntil", "must be after validFrom"));
        }
        List<String> who = orderers == null ? List.of() : orderers;
        if (new LinkedHashSet<>(who).size() != who.size()) {
            errors.add(new Problem.FieldError("orderers", "names a person twice"));
        }
        List<LevelSpec> levels = new ArrayList<>();
        List<ApprovalLevelDto> given = approvalLevels == null ? List.of() : approvalLevels;
        for (int i = 0; i < given.size(); i++) {
            levels.add(given.get(i).toSpec("approvalLevels[" + i + "]", errors));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ServiceRelationship.Terms(sponsor, who, validUntil, levels);
    }

    public static ServiceRelationshipRequest of(ServiceRelationship r) {
        return new ServiceRelationshipRequest(r.organisationId(), r.offeringId(), r.sponsor(), r.orderers(), r.validFrom(), r.validUntil(),
                r.approvalLevels().stream().map(ApprovalLevelDto::of).toList());
    }
}
