package dev.itsm.request.grant;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Access to a resource given to the request's requestedFor when an access task completes, for the
 * component's period. Part of the request aggregate (it changes only through the request).
 */
@Entity
@Table(name = "access_grant")
public class AccessGrant extends PanacheEntityBase {

    @Id
    private UUID id;
    @Column(name = "request_id")
    private UUID requestId;
    @Column(name = "item_id")
    private UUID itemId;
    private String subject;
    private String resource;
    @Column(name = "granted_at")
    private Instant grantedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Enumerated(EnumType.STRING)
    private GrantState state;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "revoke_reason")
    private RevokeReason revokeReason;
    @Column(name = "revoked_by")
    private String revokedBy;

    protected AccessGrant() {
        // for JPA
    }

    public static AccessGrant grant(UUID id, UUID requestId, UUID itemId, String subject, String resource, Instant grantedAt,
            Instant expiresAt) {
        AccessGrant g = new AccessGrant();
        g.id = id;
        g.requestId = requestId;
        g.itemId = itemId;
        g.subject = subject;
        g.resource = resource;
        g.grantedAt = grantedAt;
        g.expiresAt = expiresAt;
        g.state = GrantState.ACTIVE;
        return g;
    }

    /** Revokes an ACTIVE grant; false (nothing changes) when it is revoked already. */
    public boolean revoke(RevokeReason reason, String by, Instant now) {
        if (!state.allowsRevoke()) {
            return false;
        }
        state = GrantState.REVOKED;
        revokedAt = now;
        revokeReason = reason;
        revokedBy = by;
        return true;
    }

    public UUID id() { return id; }
    public UUID requestId() { return requestId; }
    public UUID itemId() { return itemId; }
    public String subject() { return subject; }
    public String resource() { return resource; }
    public Instant grantedAt() { return grantedAt; }
    public Instant expiresAt() { return expiresAt; }
    public GrantState state() { return state; }
    public Instant revokedAt() { return revokedAt; }
    public RevokeReason revokeReason() { return revokeReason; }
    public String revokedBy() { return revokedBy; }
}
