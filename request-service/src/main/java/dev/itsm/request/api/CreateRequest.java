package dev.itsm.request.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "RequestCreate", description = "An order of a PUBLISHED offering for a person of a consumer organisation")
public record CreateRequest(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d") @NotNull UUID offeringId,
        @Schema(type = SchemaType.STRING, format = "uuid", example = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d") @NotNull UUID organisationId,
        @Schema(nullable = true, description = "Who gets it (a token subject); absent = the caller. Ordering for someone "
                + "else needs the CUSTOMER role in the organisation, or an agent/admin", example = "bob") @Size(max = 200) String requestedFor,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "The answers to the offering's request form "
                + "(GET /api/v1/catalog/offerings/{id}/form), one object per component key",
                example = "{\"laptop\":{\"model\":\"14-inch\",\"keyboard\":\"de-CH\"},\"vpn\":{\"profile\":\"engineering\"}}") JsonNode answers) {
}
