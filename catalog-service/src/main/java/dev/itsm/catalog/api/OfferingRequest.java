package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.offering.Offering;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "OfferingRequest", description = "A service offering for a target consumer group")
public record OfferingRequest(
        @Schema(example = "E-mail for employees") @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @Schema(example = "all-employees") @NotBlank @Size(max = 200) String targetConsumerGroup,
        @Schema(description = "Ids of the services it covers") @Size(max = 200) List<@NotNull UUID> serviceIds,
        @Size(max = 100) List<@NotNull @Valid ComponentDto> components,
        @Schema(nullable = true) @Valid OfferingCost cost,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = REQUEST_FORM) JsonNode requestForm) {

    public static final String REQUEST_FORM = "JSON Schema (2020-12) of the answers a requester supplies, one top-level "
            + "property per component key. Checked when the offering is published (and on edits of a published one): "
            + "valid against the 2020-12 meta-schema, type object, $schema absent or the 2020-12 dialect, only local $refs. "
            + "Null: the offering asks nothing (GET …/form then serves an empty form).";

    public Offering.Facts facts() {
        if (requestForm != null && !requestForm.isNull() && !requestForm.isObject()) {
            throw new ValidationException("requestForm", "must be a JSON object (a JSON Schema) or null");
        }
        return new Offering.Facts(name, description, targetConsumerGroup, serviceIds == null ? List.of() : serviceIds,
                components == null ? List.of() : components.stream().map(ComponentDto::toDomain).toList(),
                cost == null ? null : cost.toDomain(), requestForm == null || requestForm.isNull() ? null : requestForm);
    }

    public static OfferingRequest of(Offering o) {
        return new OfferingRequest(o.name(), o.description(), o.targetConsumerGroup(), o.serviceIds(),
                o.components().stream().map(ComponentDto::of).toList(), OfferingCost.of(o.cost()), o.requestForm());
    }
}
