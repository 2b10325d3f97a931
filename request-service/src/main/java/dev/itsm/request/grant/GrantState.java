package dev.itsm.request.grant;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An access grant's lifecycle.
 *
 * <pre>
 * (access task completed) ACTIVE ─expiresAt reached (scheduler)─▶ REVOKED (EXPIRED)
 *                         ACTIVE ─revoke─▶ REVOKED (REVOKED_EARLY)
 *                         ACTIVE ─request canceled─▶ REVOKED (REQUEST_CANCELED)      (REVOKED is final)
 * </pre>
 */
@Schema(name = "AccessGrantState")
public enum GrantState {
    ACTIVE,
    REVOKED;

    /** The REST command ({@code POST /api/v1/requests/{id}/grants/{grantId}/revoke}). */
    public static final String REVOKE = "revoke";

    public boolean allowsRevoke() {
        return this == ACTIVE;
    }

    public List<String> allowedCommands() {
        return this == ACTIVE ? List.of(REVOKE) : List.of();
    }
}
