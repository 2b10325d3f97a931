package dev.itsm.change.model;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of create/replace of a change model. */
@Schema(name = "ChangeModelRequest")
public record ChangeModelRequest(
        @NotBlank @Size(max = 200) @Schema(example = "TLS certificate rotation") String name,
        @Size(max = 5000) String description,
        @Size(max = 20000) String implementationPlan,
        @Size(max = 20000) String backoutPlan,
        @Size(max = 20000) String testPlan,
        @Size(max = 500) List<@NotNull UUID> allowedServiceIds,
        @Size(max = 500) List<@NotNull UUID> allowedCiIds,
        Boolean active) {
}
