package dev.itsm.catalog.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.ServiceRelationshipRequest;
import dev.itsm.catalog.api.ServiceRelationshipView;
import dev.itsm.catalog.offering.Offering;
import dev.itsm.catalog.offering.OfferingStatus;
import dev.itsm.catalog.support.Changes;
import dev.itsm.catalog.support.Listing;
import dev.itsm.catalog.support.Query;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.UnprocessableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Transactions on service relationships. Creating or amending one locks its organisation's row, so
 * two relationships for the same organisation × offering are decided one after the other (409 for the
 * second) and a person's roles cannot change under a check that reads them.
 */
@ApplicationScoped
public class ServiceRelationshipService {

    /** What GET /service-relationships can be sorted by (default createdAt); state is tied by createdAt. */
    public static final Listing<ServiceRelationship> LISTING = Listing.of(ServiceRelationship.class, "createdAt", Set.of("state"))
            .field("state", "state", RelationshipState.class, ServiceRelationship::state)
            .timestamps();

    private final Changes changes;
    private final MergePatch mergePatch;
    private final EntityManager em;
    private final Clock clock;

    ServiceRelationshipService(Changes changes, MergePatch mergePatch, EntityManager em, Clock clock) {
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public ServiceRelationshipView create(ServiceRelationshipRequest request) {
        Instant now = clock.instant();
        ServiceRelationship.Terms terms = request.terms();
        ConsumerOrganisation organisation = lockOrganisation(request.organisationId());
        Offering offering = em.find(Offering.class, request.offeringId());
        if (offering == null) {
            throw new UnprocessableException("unknown-offering", "Unknown offering",
                    "offeringId names no offering: " + request.offeringId(), Map.of("offeringId", request.offeringId()));
        }
        if (offering.status() == OfferingStatus.WITHDRAWN) {
            throw new UnprocessableException("offering-withdrawn", "Offering withdrawn",
                    "Offering " + request.offeringId() + " is withdrawn: it can no longer be ordered", Map.of("offeringId", request.offeringId()));
        }
        checkPeople(organisation, terms);
        List<UUID> existing = em.createQuery("select r.id from ServiceRelationship r where r.organisationId = :org "
                + "and r.offeringId = :offering and r.state = :active", UUID.class)
                .setParameter("org", request.organisationId()).setParameter("offering", request.offeringId())
                .setParameter("active", RelationshipState.ACTIVE).getResultList();
        if (!existing.isEmpty()) {
            throw new ConflictException("duplicate-key", "Relationship exists", "Organisation " + request.organisationId()
                    + " already has an ACTIVE relationship for offering " + request.offeringId() + ": amend or terminate it",
                    Map.of("field", "offeringId", "value", request.offeringId(), "existingId", existing.get(0)));
        }
        ServiceRelationship r = ServiceRelationship.start(UUID.randomUUID(), request.organisationId(), request.offeringId(),
                request.validFrom(), terms, now);
        r.persist();
        changes.publishAfterFlush(() -> List.of(r.changed(List.of(), now)));
        return ServiceRelationshipView.of(r);
    }

    public ServiceRelationshipView get(UUID id) {
        return ServiceRelationshipView.of(load(id));
    }

    /** One page of relationships in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<ServiceRelationshipView> list(UUID organisationId, UUID offeringId, RelationshipState state, PageRequest page, Sort sort,
            ChangesFeed.Window feed) {
        return new Query()
                .when(organisationId, "organisationId = :organisationId", "organisationId")
                .when(offeringId, "offeringId = :offeringId", "offeringId")
                .when(state, "state = :state", "state")
                .page(LISTING, sort, feed, page, ServiceRelationshipView::of);
    }

    @Transactional
    public ServiceRelationshipView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        ServiceRelationship r = load(id);
        ETags.requireMatch(ifMatch, r.version());
        String fixed = "is fixed for the life of a relationship: terminate it and create another";
        ServiceRelationshipRequest merged = mergePatch.apply(ServiceRelationshipRequest.of(r), patch, ServiceRelationshipRequest.class,
                Map.of("organisationId", fixed, "offeringId", fixed, "validFrom", fixed,
                        "state", "change the state with the terminate command"));
        ServiceRelationship.Terms terms = merged.terms();
        checkPeople(lockOrganisation(r.organisationId()), terms);
        List<String> changed = r.amend(terms, now);
        changes.publishAfterFlush(() -> List.of(r.changed(changed, now)));
        return ServiceRelationshipView.of(r);
    }

    @Transactional
    public ServiceRelationshipView terminate(UUID id, String ifMatch) {
        Instant now = clock.instant();
        ServiceRelationship r = load(id);
        ETags.requireMatch(ifMatch, r.version());
        List<String> changed = r.terminate(now);
        changes.publishAfterFlush(() -> List.of(r.changed(changed, now)));
        return ServiceRelationshipView.of(r);
    }

    /** The sponsor is a SPONSOR of the organisation; every named orderer is one of its people (422 otherwise). */
    private static void checkPeople(ConsumerOrganisation organisation, ServiceRelationship.Terms terms) {
        if (!organisation.person(terms.sponsor()).map(p -> p.has(PersonRole.SPONSOR)).orElse(false)) {
            throw new UnprocessableException("not-a-sponsor", "Not a sponsor", "sponsor " + terms.sponsor()
                    + " is not a person with role SPONSOR of organisation " + organisation.id(),
                    Map.of("organisationId", organisation.id(), "sponsor", terms.sponsor()));
        }
        List<String> strangers = terms.orderers().stream().filter(s -> organisation.person(s).isEmpty()).toList();
        if (!strangers.isEmpty()) {
            throw new UnprocessableException("unknown-orderer", "Unknown orderer", "orderers names subjects that are not people of "
                    + "organisation " + organisation.id() + ": " + strangers, Map.of("organisationId", organisation.id(), "orderers", strangers));
        }
    }

    private ConsumerOrganisation lockOrganisation(UUID id) {
        ConsumerOrganisation o = em.find(ConsumerOrganisation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw new UnprocessableException("unknown-organisation", "Unknown organisation",
                    "organisationId names no consumer organisation: " + id, Map.of("organisationId", id));
        }
        return o;
    }

    private ServiceRelationship load(UUID id) {
        return ServiceRelationship.<ServiceRelationship>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("Service relationship", id));
    }
}
