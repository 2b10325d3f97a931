package dev.itsm.catalog.api;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.PersonRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "ConsumerPersonRequest", description = "A person of a consumer organisation (the subject is in the path)")
public record ConsumerPersonRequest(
        @Schema(example = "Fiona Fischer") @NotBlank @Size(max = 200) String displayName,
        @Schema(description = "USER uses the services, CUSTOMER owns the outcomes (and sees the organisation's requests), "
                + "SPONSOR approves what costs money", example = "[\"CUSTOMER\", \"SPONSOR\"]") @NotEmpty Set<@NotNull PersonRole> roles) {
}
