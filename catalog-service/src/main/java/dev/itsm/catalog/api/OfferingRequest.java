package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.offering.Offering;
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
        @Size(max = 100) List<@NotNull @Valid ComponentDto> components) {

    public Offering.Facts facts() {
        return new Offering.Facts(name, description, targetConsumerGroup, serviceIds == null ? List.of() : serviceIds,
                components == null ? List.of() : components.stream().map(ComponentDto::toDomain).toList());
    }

    public static OfferingRequest of(Offering o) {
        return new OfferingRequest(o.name(), o.description(), o.targetConsumerGroup(), o.serviceIds(),
                o.components().stream().map(ComponentDto::of).toList());
    }
}
