package dev.itsm.request.grant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an access grant ended. */
@Schema(name = "AccessRevokeReason")
public enum RevokeReason {
    /** Its period ended (the expiry scheduler). */
    EXPIRED,
    /** Revoked by an agent or admin before it expired. */
    REVOKED_EARLY,
    /** Its request was canceled. */
    REQUEST_CANCELED
}
