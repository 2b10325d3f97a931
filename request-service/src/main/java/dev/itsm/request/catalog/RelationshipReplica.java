package dev.itsm.request.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Replica of a service relationship: the terms on which an organisation orders an offering. */
@Entity
@Table(name = "catalog_relationship")
public class RelationshipReplica extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";

    @Id
    private UUID id;
    @Column(name = "organisation_id")
    private UUID organisationId;
    @Column(name = "offering_id")
    private UUID offeringId;
    private String sponsor;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<String> orderers = List.of();
    @Column(name = "valid_from")
    private Instant validFrom;
    @Column(name = "valid_until")
    private Instant validUntil;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approval_levels", columnDefinition = "jsonb")
    private List<LevelTerms> approvalLevels = List.of();
    private String state;
    private Long version;
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected RelationshipReplica() {
        // for JPA
    }

    static RelationshipReplica replicaOf(UUID id) {
        RelationshipReplica r = findById(id);
        if (r == null) {
            r = new RelationshipReplica();
            r.id = id;
        }
        return r;
    }

    /**
     * The ACTIVE relationship of the organisation for the offering that is valid at {@code now} (validFrom ≤ now <
     * validUntil); the catalogue allows one ACTIVE per pair, the newest validFrom wins should the replica briefly
     * hold two.
     */
    static Optional<RelationshipReplica> validAt(UUID organisationId, UUID offeringId, Instant now) {
        return find("organisationId = ?1 and offeringId = ?2 and state = ?3 and (validFrom is null or validFrom <= ?4) "
                + "and (validUntil is null or validUntil > ?4) order by validFrom desc nulls last",
                organisationId, offeringId, ACTIVE, now).firstResultOptional();
    }

    boolean isNew() {
        return occurredAt == null;
    }

    boolean replicate(UUID organisationId, UUID offeringId, String sponsor, List<String> orderers, Instant validFrom,
            Instant validUntil, List<LevelTerms> approvalLevels, String state, Long version, Instant at) {
        if (Freshness.isStale(this.version, occurredAt, version, at)) {
            return false;
        }
        this.organisationId = organisationId;
        this.offeringId = offeringId;
        this.sponsor = sponsor;
        this.orderers = List.copyOf(orderers);
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.approvalLevels = List.copyOf(approvalLevels);
        this.state = state;
        this.version = version;
        this.occurredAt = at;
        return true;
    }

    public UUID id() { return id; }
    public UUID organisationId() { return organisationId; }
    public UUID offeringId() { return offeringId; }
    public String sponsor() { return sponsor; }
    public List<String> orderers() { return orderers; }
    public Instant validFrom() { return validFrom; }
    public Instant validUntil() { return validUntil; }
    public List<LevelTerms> approvalLevels() { return approvalLevels; }
    public String state() { return state; }
    public Long version() { return version; }
    public Instant occurredAt() { return occurredAt; }
}
