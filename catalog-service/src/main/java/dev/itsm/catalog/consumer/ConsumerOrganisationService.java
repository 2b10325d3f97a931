package dev.itsm.catalog.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.ConsumerOrganisationRequest;
import dev.itsm.catalog.api.ConsumerOrganisationView;
import dev.itsm.catalog.api.ConsumerPersonRequest;
import dev.itsm.catalog.api.ConsumerPersonView;
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

/** Transactions on consumer organisations and their people. */
@ApplicationScoped
public class ConsumerOrganisationService {

    /** What GET /consumer-organisations can be sorted by (default name); state is tied by name. */
    public static final Listing<ConsumerOrganisation> LISTING = Listing.of(ConsumerOrganisation.class, "name", Set.of("state"))
            .field("name", "name", String.class, ConsumerOrganisation::name)
            .field("state", "state", OrganisationState.class, ConsumerOrganisation::state)
            .timestamps();

    /** Serialises changes of the organisation tree, so two concurrent moves cannot close a cycle together. */
    private static final long TREE_LOCK = 0x6f72_6774_7265_65L;

    private final Changes changes;
    private final MergePatch mergePatch;
    private final EntityManager em;
    private final Sponsorships sponsorships;
    private final Clock clock;

    ConsumerOrganisationService(Changes changes, MergePatch mergePatch, EntityManager em, Sponsorships sponsorships, Clock clock) {
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.em = em;
        this.sponsorships = sponsorships;
        this.clock = clock;
    }

    @Transactional
    public ConsumerOrganisationView create(ConsumerOrganisationRequest request) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        checkParent(id, request.parentId());
        ConsumerOrganisation o = ConsumerOrganisation.create(id, request.name(), request.description(), request.parentId(), now);
        o.persist();
        changes.publishAfterFlush(() -> List.of(o.changed(List.of(), now)));
        return ConsumerOrganisationView.of(o);
    }

    public ConsumerOrganisationView get(UUID id) {
        return ConsumerOrganisationView.of(load(id));
    }

    /** One page of organisations in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<ConsumerOrganisationView> list(OrganisationState state, UUID parentId, String text, PageRequest page, Sort sort,
            ChangesFeed.Window feed) {
        return new Query()
                .when(state, "state = :state", "state")
                .when(parentId, "parentId = :parentId", "parentId")
                .search(text)
                .page(LISTING, sort, feed, page, ConsumerOrganisationView::of);
    }

    @Transactional
    public ConsumerOrganisationView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        ConsumerOrganisation o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        ConsumerOrganisationRequest merged = mergePatch.apply(ConsumerOrganisationRequest.of(o), patch, ConsumerOrganisationRequest.class,
                Map.of("state", "change the state with the deactivate and activate commands",
                        "people", "change people with PUT and DELETE …/people/{subject}"));
        if (!Objects.equals(merged.parentId(), o.parentId())) {
            checkParent(id, merged.parentId());
        }
        List<String> changed = o.edit(merged.name(), merged.description(), merged.parentId(), now);
        changes.publishAfterFlush(() -> List.of(o.changed(changed, now)));
        return ConsumerOrganisationView.of(o);
    }

    @Transactional
    public ConsumerOrganisationView deactivate(UUID id, String ifMatch) {
        Instant now = clock.instant();
        ConsumerOrganisation o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        List<String> changed = o.deactivate(now);
        changes.publishAfterFlush(() -> List.of(o.changed(changed, now)));
        return ConsumerOrganisationView.of(o);
    }

    @Transactional
    public ConsumerOrganisationView activate(UUID id, String ifMatch) {
        Instant now = clock.instant();
        ConsumerOrganisation o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        List<String> changed = o.activate(now);
        changes.publishAfterFlush(() -> List.of(o.changed(changed, now)));
        return ConsumerOrganisationView.of(o);
    }

    /** What PUT …/people/{subject} did: whether the person is new, and the organisation's new version (the ETag). */
    public record PersonPut(boolean created, ConsumerPersonView person, long version) {
    }

    @Transactional
    public PersonPut putPerson(UUID id, String subject, String ifMatch, ConsumerPersonRequest request) {
        Instant now = clock.instant();
        ConsumerOrganisation o = loadForUpdate(id);
        ETags.requireMatch(ifMatch, o.version());
        if (!request.roles().contains(PersonRole.SPONSOR) && o.person(subject).map(p -> p.has(PersonRole.SPONSOR)).orElse(false)) {
            sponsorships.requireNone(id, subject, "take the SPONSOR role from");
        }
        boolean created = o.putPerson(subject, request.displayName(), request.roles(), now);
        changes.publishAfterFlush(() -> List.of(o.changed(List.of("people"), now)));
        return new PersonPut(created, ConsumerPersonView.of(Map.entry(subject, o.person(subject).orElseThrow())), o.version());
    }

    @Transactional
    public void removePerson(UUID id, String subject, String ifMatch) {
        Instant now = clock.instant();
        ConsumerOrganisation o = loadForUpdate(id);
        ETags.requireMatch(ifMatch, o.version());
        if (o.person(subject).map(p -> p.has(PersonRole.SPONSOR)).orElse(false)) {
            sponsorships.requireNone(id, subject, "remove");
        }
        o.removePerson(subject, now);
        changes.publishAfterFlush(() -> List.of(o.changed(List.of("people"), now)));
    }

    /** One page of the organisation's people, by subject. */
    public Page<ConsumerPersonView> people(UUID id, PageRequest page) {
        List<ConsumerPersonView> all = load(id).people().entrySet().stream().map(ConsumerPersonView::of).toList();
        int from = Math.min(page.offset(), all.size());
        return new Page<>(all.subList(from, Math.min(from + page.size(), all.size())), page.page(), page.size(), all.size());
    }

    /**
     * The parent must exist and must not be the organisation itself or below it (422 organisation-cycle);
     * checked under a lock that every change of the tree takes.
     */
    private void checkParent(UUID self, UUID parentId) {
        if (parentId == null) {
            return;
        }
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, TREE_LOCK).getSingleResult();
        if (ConsumerOrganisation.findById(parentId) == null) {
            throw new UnprocessableException("unknown-organisation", "Unknown organisation",
                    "parentId names no consumer organisation: " + parentId, Map.of("organisationId", parentId));
        }
        UUID current = parentId;
        for (int depth = 0; current != null && depth < 10_000; depth++) {
            if (current.equals(self)) {
                throw new UnprocessableException("organisation-cycle", "Organisation cycle",
                        "parentId " + parentId + " is the organisation itself or one of its descendants", Map.of("parentId", parentId));
            }
            ConsumerOrganisation above = ConsumerOrganisation.findById(current);
            current = above == null ? null : above.parentId();
        }
    }

    /** Locked like ServiceRelationshipService locks it: a sponsor check and a relationship create do not interleave. */
    private ConsumerOrganisation loadForUpdate(UUID id) {
        ConsumerOrganisation o = em.find(ConsumerOrganisation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            throw new NotFoundException("Consumer organisation", id);
        }
        return o;
    }

    private ConsumerOrganisation load(UUID id) {
        return ConsumerOrganisation.<ConsumerOrganisation>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("Consumer organisation", id));
    }

    /** Thrown for a sponsor still named by an ACTIVE relationship. */
    static ConflictException sponsorInUse(UUID organisationId, String subject, String what, List<UUID> relationshipIds) {
        return new ConflictException("sponsor-in-use", "Sponsor in use", "Cannot " + what + " " + subject + ": the sponsor of "
                + "active service relationships " + relationshipIds + " (name another sponsor or terminate them first)",
                Map.of("organisationId", organisationId, "relationshipIds", relationshipIds));
    }
}
