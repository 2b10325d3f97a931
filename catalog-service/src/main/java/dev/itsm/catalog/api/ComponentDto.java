package dev.itsm.catalog.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.offering.ComponentKind;
import dev.itsm.catalog.offering.OfferingComponent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "OfferingComponent", description = "A good, access to a resource, or a service action")
public record ComponentDto(
        @Schema(example = "mailbox", pattern = "^[a-z][a-z0-9-]{0,39}$", description = "Names the component within the offering: "
                + "the request form's top-level properties and the request items refer to it") @NotNull @Pattern(regexp = "^[a-z][a-z0-9-]{0,39}$") String key,
        @NotNull ComponentKind kind,
        @Schema(example = "Mailbox with 50 GB storage") @NotBlank @Size(max = 1000) String description,
        @Schema(nullable = true, example = "messaging-team", description = "The assignment group whose queue fulfils it; "
                + "null: request-service's default") @Size(min = 1, max = 200) String fulfilmentGroup,
        @Schema(nullable = true, example = "P90D", description = "ACCESS_TO_RESOURCES only: how long a grant lasts (ISO-8601 "
                + "duration in days, hours or minutes); null: request-service's default") @Size(max = 40) String accessPeriod) {

    public OfferingComponent toDomain() {
        return new OfferingComponent(key, kind, description, fulfilmentGroup, accessPeriod);
    }

    public static ComponentDto of(OfferingComponent c) {
        return new ComponentDto(c.key(), c.kind(), c.description(), c.fulfilmentGroup(), c.accessPeriod());
    }
}
