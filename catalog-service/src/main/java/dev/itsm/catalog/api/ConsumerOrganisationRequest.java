package dev.itsm.catalog.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.ConsumerOrganisation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "ConsumerOrganisationRequest", description = "A consumer organisation: a company, department or team that orders offerings")
public record ConsumerOrganisationRequest(
        @Schema(example = "Finance department") @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true, description = "The organisation it belongs to; null for a top-level one") UUID parentId,
        @Schema(nullable = true, example = "Accounting, controlling and treasury") @Size(max = 4000) String description) {

    public static ConsumerOrganisationRequest of(ConsumerOrganisation o) {
        return new ConsumerOrganisationRequest(o.name(), o.parentId(), o.description());
    }
}
