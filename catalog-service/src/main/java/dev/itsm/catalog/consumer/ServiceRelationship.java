package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.consumer.RelationshipCommand.TERMINATE;
import static dev.itsm.catalog.consumer.RelationshipCommand.UPDATE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.catalog.events.ApprovalLevelFacts;
import dev.itsm.catalog.events.RelationshipFacts;
import dev.itsm.catalog.events.ServiceRelationshipChanged;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.IllegalTransitionException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * A service relationship (ITIL 4): a consumer organisation may order an offering, on agreed terms —
 * who may order ({@code orderers}; none = every USER or CUSTOMER of the organisation), the sponsor
 * who approves spend, the validity dates and the approval levels a request passes before the budget
 * level. {@link ServiceRelationshipService} checks the references; this class keeps the lifecycle.
 */
@Entity
@Table(name = "service_relationship")
public class ServiceRelationship extends VersionedAggregate {

    @Column(name = "organisation_id", nullable = false)
    private UUID organisationId;

    @Column(name = "offering_id", nullable = false)
    private UUID offeringId;

    @Column(nullable = false)
    private String sponsor;

    @ElementCollection
    @CollectionTable(name = "service_relationship_orderer", joinColumns = @JoinColumn(name = "relationship_id"))
    @OrderColumn(name = "position")
    @Column(name = "subject")
    @BatchSize(size = 100)
    private List<String> orderers = new ArrayList<>();

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "approval_levels", nullable = false, columnDefinition = "jsonb")
    private List<LevelSpec> approvalLevels = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RelationshipState state;

    @Column(name = "terminated_at")
    private Instant terminatedAt;

    protected ServiceRelationship() {
    }

    /** The terms that may change while the relationship is ACTIVE. */
    public record Terms(String sponsor, List<String> orderers, Instant validUntil, List<LevelSpec> approvalLevels) {

        public Terms {
            orderers = orderers == null ? List.of() : List.copyOf(orderers);
            approvalLevels = approvalLevels == null ? List.of() : List.copyOf(approvalLevels);
        }
    }

    public static ServiceRelationship start(UUID id, UUID organisationId, UUID offeringId, Instant validFrom, Terms terms, Instant now) {
        ServiceRelationship r = new ServiceRelationship();
        r.begin(id, now);
        r.organisationId = organisationId;
        r.offeringId = offeringId;
        r.validFrom = validFrom;
        r.state = RelationshipState.ACTIVE;
        r.assign(terms);
        return r;
    }

    /** New terms for an ACTIVE relationship; the changed fields. */
    public List<String> amend(Terms terms, Instant now) {
        require(UPDATE);
        List<String> changed = new ChangedFields()
                .compare("sponsor", sponsor, terms.sponsor())
                .compare("orderers", orderers, terms.orderers())
                .compare("validUntil", validUntil, terms.validUntil())
                .compare("approvalLevels", approvalLevels, terms.approvalLevels())
                .names();
        assign(terms);
        touch(now);
        return changed;
    }

    /** ACTIVE → TERMINATED (final): no new requests under it. */
    public List<String> terminate(Instant now) {
        require(TERMINATE);
        state = RelationshipState.TERMINATED;
        terminatedAt = now;
        touch(now);
        return List.of("state");
    }

    /** The event for a change that is flushed (its version is the new one). */
    public ServiceRelationshipChanged changed(List<String> changedFields, Instant now) {
        return new ServiceRelationshipChanged(new RelationshipFacts(id(), organisationId, offeringId, sponsor, orderers(), validFrom,
                validUntil, approvalLevels().stream().map(ApprovalLevelFacts::of).toList(), state, version(), now), changedFields);
    }

    private void assign(Terms terms) {
        sponsor = terms.sponsor();
        if (!terms.orderers().equals(orderers)) {
            orderers.clear();
            orderers.addAll(terms.orderers());
        }
        validUntil = terms.validUntil();
        if (!terms.approvalLevels().equals(approvalLevels)) {
            approvalLevels = new ArrayList<>(terms.approvalLevels());
        }
    }

    private void require(RelationshipCommand command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("service relationship", state, command.wireName(), state.allowedCommands());
        }
    }

    public UUID organisationId() {
        return organisationId;
    }

    public UUID offeringId() {
        return offeringId;
    }

    public String sponsor() {
        return sponsor;
    }

    public List<String> orderers() {
        return List.copyOf(orderers);
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public List<LevelSpec> approvalLevels() {
        return List.copyOf(approvalLevels);
    }

    public RelationshipState state() {
        return state;
    }

    public Instant terminatedAt() {
        return terminatedAt;
    }

    public Terms terms() {
        return new Terms(sponsor, orderers(), validUntil, approvalLevels());
    }
}
