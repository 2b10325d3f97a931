package dev.itsm.incident.api;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateIncidentRequest", description = "Opens an incident against a LIVE service of the catalogue")
public record CreateIncidentRequest(
        @Schema(example = "Checkout fails with HTTP 502") @NotBlank @Size(max = 200) String title,
        @Schema(example = "Since 09:10 every checkout attempt returns a 502 from the payment gateway") @Size(max = 10000) String description,
        @Schema(description = "Who reported it", example = "jane.doe@example.com") @NotBlank @Size(max = 200) String caller,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "Affected service (must be LIVE in the catalogue)",
                example = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01") @NotNull UUID serviceId,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "Affected configuration item (optional)") UUID ciId,
        @Schema(example = "software") @Size(max = 100) String category,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        @Schema(example = "payments-2nd-line") @Size(max = 200) String assignmentGroup,
        @Schema(example = "bob") @Size(max = 200) String assignee,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "Major incident this one is a child of (optional)")
        UUID parentIncidentId,
        @Schema(description = "Ids of related change requests") Set<@NotBlank @Size(max = 64) String> linkedChangeIds) {
}
