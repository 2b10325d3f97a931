package dev.itsm.catalog.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.portfolio.ItService;
import dev.itsm.catalog.portfolio.ServiceType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "ServiceRequest", description = "A new service (a PATCH sends a ServicePatch)")
public record ServiceRequest(
        @Schema(description = "Unique, URL-safe key; cannot change later", example = "email")
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit") String key,
        @Schema(example = "Corporate e-mail") @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @NotNull ServiceType type,
        @Schema(description = "Owning team", example = "messaging-team") @NotBlank @Size(max = 200) String owner,
        @Schema(description = "Utility: what the service does (fit for purpose)", example = "Send and receive e-mail from any device")
        @Size(max = 4000) String utility,
        @Valid WarrantyDto warranty,
        @Schema(description = "Ids of the services this one depends on (no cycles)") @Size(max = 200) List<@NotNull UUID> dependsOn) {

    public ItService.Facts facts() {
        return new ItService.Facts(name, description, type, owner, utility, warranty == null ? null : warranty.toDomain(),
                dependsOn == null ? List.of() : dependsOn);
    }

    public static ServiceRequest of(ItService s) {
        return new ServiceRequest(s.key(), s.name(), s.description(), s.type(), s.owner(), s.utility(),
                WarrantyDto.of(s.warranty()), s.dependsOn());
    }
}
