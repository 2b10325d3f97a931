package dev.itsm.request.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.request.grant.AccessGrant;
import dev.itsm.request.grant.GrantState;
import dev.itsm.request.grant.RevokeReason;

@Schema(name = "AccessGrantView", description = "Access given to a person by a fulfilled access item, until it expires or is revoked")
public record GrantView(
        @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID requestId,
        @Schema(type = SchemaType.STRING, format = "uuid") UUID itemId,
        @Schema(example = "bob") String subject,
        @Schema(example = "VPN access (vpn)") String resource,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant grantedAt,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt,
        GrantState state,
        @Schema(description = "Commands accepted in the current state", example = "[\"revoke\"]") List<String> allowedCommands,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant revokedAt,
        @Schema(nullable = true) RevokeReason revokeReason,
        @Schema(nullable = true, example = "request-service") String revokedBy) {

    public static GrantView of(AccessGrant g) {
        return new GrantView(g.id(), g.requestId(), g.itemId(), g.subject(), g.resource(), g.grantedAt(), g.expiresAt(),
                g.state(), g.state().allowedCommands(), g.revokedAt(), g.revokeReason(), g.revokedBy());
    }
}
