package dev.itsm.webhook.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A webhook subscription: where to deliver which events, signed with which secret. Delivery (H2's
 * package) reads it through {@link #matches}, {@link #signingSecrets}, {@link #isDeliverable} and
 * {@link #disable}.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    /** A filter ending in this matches every type of one service: {@code dev.itsm.incident.*}. */
    static final String WILDCARD_SUFFIX = ".*";

    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(name = "target_url", nullable = false)
    private String targetUrl;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false, columnDefinition = "jsonb")
    private List<String> eventTypes;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<String> subjects;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SubscriptionState state;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(nullable = false)
    private String secret;
    @Column(name = "previous_secret")
    private String previousSecret;
    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Subscription() {
        // for JPA
    }

    public static Subscription create(UUID id, String name, String description, URI targetUrl, List<String> eventTypes,
            List<String> subjects, SubscriptionState state, String secret, String createdBy, Instant now) {
        Subscription s = new Subscription();
        s.id = id;
        s.name = name;
        s.description = description;
        s.targetUrl = targetUrl.toString();
        s.eventTypes = List.copyOf(eventTypes);
        s.subjects = List.copyOf(subjects);
        s.state = state;
        s.secret = secret;
        s.createdBy = createdBy;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    /**
     * Whether an event of type {@code ceType} about {@code subject} goes to this subscription: a type filter
     * names the exact type or {@code dev.itsm.<service>.*}; no subject filter means every subject.
     */
    public boolean matches(String ceType, String subject) {
        if (ceType == null) {
            return false;
        }
        boolean typeMatches = eventTypes.stream().anyMatch(filter -> filter.endsWith(WILDCARD_SUFFIX)
                ? ceType.startsWith(filter.substring(0, filter.length() - 1)) && ceType.indexOf('.', filter.length() - 1) < 0
                : filter.equals(ceType));
        return typeMatches && (subjects.isEmpty() || subject != null && subjects.contains(subject));
    }

    /** The secrets a delivery at {@code now} is signed with: the current one first, then the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    /** Only an active subscription is sent to; a paused one's deliveries wait for resume. */
    public boolean isDeliverable() {
        return state == SubscriptionState.ACTIVE;
    }

    /** The target said it is gone (410) or an operator rule switched it off; {@code resume} turns it on again. */
    public void disable(String reason, Instant now) {
        state = SubscriptionState.DISABLED;
        disabledReason = reason;
        updatedAt = now;
    }

    public void pause(Instant now) {
        if (state != SubscriptionState.ACTIVE) {
            throw new IllegalTransitionException("subscription", state, "pause", allowedCommands());
        }
        state = SubscriptionState.PAUSED;
        updatedAt = now;
    }

    /** Resumes a paused subscription, or re-enables a disabled one. */
    public void resume(Instant now) {
        if (state == SubscriptionState.ACTIVE) {
            throw new IllegalTransitionException("subscription", state, "resume", allowedCommands());
        }
        state = SubscriptionState.ACTIVE;
        disabledReason = null;
        updatedAt = now;
    }

    /** The commands allowed in the current state (besides edit, delete, rotate-secret, which are always allowed). */
    public List<String> allowedCommands() {
        return state == SubscriptionState.ACTIVE ? List.of("pause", "rotate-secret", "delete")
                : List.of("resume", "rotate-secret", "delete");
    }

    /** {@code newSecret} signs from now on; the current one still signs until {@code previousValidUntil}. */
    public void rotateSecret(String newSecret, Instant previousValidUntil, Instant now) {
        previousSecret = secret;
        previousSecretExpiresAt = previousValidUntil;
        secret = newSecret;
        updatedAt = now;
    }

    /** Applies an edited definition (the PATCH result). */
    public void edit(String name, String description, URI targetUrl, List<String> eventTypes, List<String> subjects, Instant now) {
        this.name = name;
        this.description = description;
        this.targetUrl = targetUrl.toString();
        this.eventTypes = List.copyOf(eventTypes);
        this.subjects = List.copyOf(subjects);
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String targetUrl() {
        return targetUrl;
    }

    public List<String> eventTypes() {
        return eventTypes;
    }

    public List<String> subjects() {
        return subjects;
    }

    public SubscriptionState state() {
        return state;
    }

    public String disabledReason() {
        return disabledReason;
    }

    /** The current secret; never shown in a view except the answers of create and rotate-secret. */
    public String secret() {
        return secret;
    }

    public Instant previousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
