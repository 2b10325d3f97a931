package dev.itsm.catalog.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.offering.ComponentKind;
import dev.itsm.catalog.offering.OfferingComponent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "OfferingComponent", description = "A good, access to a resource, or a service action")
public record ComponentDto(
        @NotNull ComponentKind kind,
        @Schema(example = "Mailbox with 50 GB storage") @NotBlank @Size(max = 1000) String description) {

    public OfferingComponent toDomain() {
        return new OfferingComponent(kind, description);
    }

    public static ComponentDto of(OfferingComponent c) {
        return new ComponentDto(c.kind(), c.description());
    }
}
