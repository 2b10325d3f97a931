package dev.itsm.sla.agreement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.sla.calendar.BusinessCalendar;
import dev.itsm.sla.catalog.CatalogServiceReplica;
import dev.itsm.sla.events.SlaAgreementChanged;
import dev.itsm.sla.events.SlaAgreementChanged.Operation;
import dev.itsm.sla.timer.RecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Transactions on agreements: create, change (a new revision), retire/activate. */
@ApplicationScoped
public class AgreementService {

    /** What a retire or activate changes: the lifecycle, shown as {@code state} and its older name {@code status}. */
    private static final List<String> LIFECYCLE_FIELDS = List.of("state", "status");

    private final AgreementRevisionCache agreements;
    private final MergePatch mergePatch;
    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager em;

    AgreementService(AgreementRevisionCache agreements, MergePatch mergePatch, Outbox outbox, Clock clock, EntityManager em) {
        this.agreements = agreements;
        this.mergePatch = mergePatch;
        this.outbox = outbox;
        this.clock = clock;
        this.em = em;
    }

    @Transactional
    public AgreementView create(AgreementDefinition request) {
        AgreementDefinition d = request.normalised();
        d.validate();
        requireCalendar(d.calendarId());
        requireKnownServices(d.scope(), List.of());
        requireUniqueName(d.name(), null);
        Instant now = clock.instant();
        Agreement a = Agreement.create(UUID.randomUUID(), now);
        newRevision(a, d, now);
        return published(a, Operation.CREATED, List.of(), now);
    }

    public AgreementView get(UUID id) {
        return view(find(id));
    }

    public AgreementView revision(UUID id, int revision) {
        Agreement a = find(id);
        AgreementRevision r = AgreementRevision.findById(new AgreementRevision.Key(id, revision));
        if (r == null) {
            throw new NotFoundException("Agreement revision", id + "/" + revision);
        }
        return view(a, r.definition(), revision);
    }

    static final Keyset.Column<Agreement> NAME = Keyset.Column.of("name", String.class, Agreement::name);
    static final Keyset.Column<Agreement> TYPE = Keyset.Column.of("type", AgreementType.class, Agreement::type);
    static final Keyset.Column<Agreement> CREATED_AT = Keyset.Column.of("created_at", Instant.class, Agreement::createdAt);
    static final Keyset.Column<Agreement> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Agreement::updatedAt);
    static final Keyset.Column<Agreement> ID = Keyset.Column.of("id", UUID.class, Agreement::id);
    /** API field → column of the sorts the list allows (each with an index on (column, id)). */
    public static final Map<String, String> SORTABLE = Map.of("name", NAME.expression(), "type", TYPE.expression(),
            "createdAt", CREATED_AT.expression(), "updatedAt", UPDATED_AT.expression());

    /** One page in {@code sort}'s order, or of the changes feed when {@code feed} is given. */
    public Page<AgreementView> list(PageRequest page, Sort sort, ChangesFeed.Window feed, AgreementType type, AgreementStatus status,
            UUID calendarId, RecordKind recordKind) {
        NativeKeysetQuery<Agreement> query = new NativeKeysetQuery<>("sla_agreement", Agreement.class);
        if (recordKind != null) {
            query.where("record_kind = :recordKind", Map.of("recordKind", recordKind));
        }
        if (type != null) {
            query.where("type = :type", Map.of("type", type));
        }
        if (status != null) {
            query.where("status = :status", Map.of("status", status));
        }
        if (calendarId != null) {
            query.where("calendar_id = :calendarId", Map.of("calendarId", calendarId));
        }
        if (feed != null) {
            query.feed(feed, UPDATED_AT.expression());
        }
        Keyset<Agreement> keys = feed != null ? Keyset.ascending(List.of(UPDATED_AT, ID))
                : Keyset.of(sort, List.of(NAME, TYPE, CREATED_AT, UPDATED_AT), List.of(ID));
        return query.page(em, keys, page, feed != null).map(this::view);
    }

    /** JSON merge patch on the current definition; the result becomes the next revision. */
    @Transactional
    public AgreementView patch(UUID id, JsonNode patch, String ifMatch) {
        Agreement a = find(id);
        ETags.requireMatch(ifMatch, a.version());
        AgreementDefinition before = a.definition();
        AgreementDefinition d = mergePatch.apply(before, patch, AgreementDefinition.class).normalised();
        if (d.kind() != before.kind()) {
            // open timers and reports are per kind: an incident agreement does not become a request agreement
            throw new ProblemException(422, "record-kind-mismatch", "Not valid for this record kind",
                    "An agreement's recordKind is fixed once created (" + before.kind() + "); create a new agreement instead",
                    List.of(new Problem.FieldError("recordKind", "cannot change from " + before.kind() + " to " + d.kind())), Map.of());
        }
        d.validate();
        requireCalendar(d.calendarId());
        requireKnownServices(d.scope(), before.scope().serviceIds());
        requireUniqueName(d.name(), a.id());
        Instant now = clock.instant();
        newRevision(a, d, now);
        List<String> changed = new ArrayList<>(d.changedFields(before));
        changed.add("revision"); // every edit is a new revision, even one that changes nothing else
        return published(a, Operation.UPDATED, changed, now);
    }

    @Transactional
    public AgreementView retire(UUID id, String ifMatch) {
        Agreement a = find(id);
        ETags.requireMatch(ifMatch, a.version());
        Instant now = clock.instant();
        a.retire(now);
        a.persistAndFlush();
        return published(a, Operation.RETIRED, LIFECYCLE_FIELDS, now);
    }

    @Transactional
    public AgreementView activate(UUID id, String ifMatch) {
        Agreement a = find(id);
        ETags.requireMatch(ifMatch, a.version());
        Instant now = clock.instant();
        a.activate(now);
        a.persistAndFlush();
        return published(a, Operation.ACTIVATED, LIFECYCLE_FIELDS, now);
    }

    /** The agreement as it now is (flushed, so its version is the new ETag), announced in the same transaction. */
    private AgreementView published(Agreement a, Operation operation, List<String> changedFields, Instant now) {
        AgreementView view = view(a);
        outbox.append(new SlaAgreementChanged(view, operation, List.copyOf(changedFields), now));
        return view;
    }

    private void newRevision(Agreement a, AgreementDefinition d, Instant now) {
        AgreementRevision r = a.revise(d, now);
        a.persistAndFlush();
        r.persist();
    }

    Agreement find(UUID id) {
        Agreement a = Agreement.findById(id);
        if (a == null) {
            throw new NotFoundException("Agreement", id);
        }
        return a;
    }

    private void requireCalendar(UUID calendarId) {
        if (BusinessCalendar.findById(calendarId) == null) {
            throw new UnprocessableException("calendar-not-found", "Unknown calendar",
                    "calendarId " + calendarId + " names no calendar", Map.of("field", "calendarId"));
        }
    }

    /**
     * Every service the scope names must be known to the catalogue replica. Only the ids an edit adds are
     * checked, so an agreement already scoping a service the replica does not know (one made before this
     * check existed) can still be edited.
     */
    private void requireKnownServices(AgreementDefinition.Scope scope, List<UUID> alreadyScoped) {
        List<UUID> added = scope.serviceIds().stream().filter(id -> !alreadyScoped.contains(id)).toList();
        List<UUID> unknown = CatalogServiceReplica.unknownAmong(added);
        if (!unknown.isEmpty()) {
            UUID serviceId = unknown.get(0);
            throw new UnprocessableException("unknown-service", "Unknown service",
                    "Service " + serviceId + " is not in the service catalogue. The catalogue replica may be catching up "
                            + "with a service created moments ago: retry after a short delay",
                    Map.of("serviceId", serviceId.toString(), "field", "scope.serviceIds[" + scope.serviceIds().indexOf(serviceId) + "]"));
        }
    }

    private void requireUniqueName(String name, UUID self) {
        Agreement other = Agreement.find("lower(name) = ?1", name.toLowerCase()).firstResult();
        if (other != null && !other.id().equals(self)) {
            throw new ConflictException("duplicate-key", "Duplicate key", "An agreement named '" + name + "' already exists",
                    Map.of("field", "name", "value", name, "existingId", other.id().toString()));
        }
    }

    AgreementView view(Agreement a) {
        return view(a, a.definition(), a.revision());
    }

    private AgreementView view(Agreement a, AgreementDefinition d, int revision) {
        List<AgreementView.TargetView> targets = new ArrayList<>();
        for (AgreementDefinition.Target t : d.targets()) {
            targets.add(new AgreementView.TargetView(t.metric(), t.priority(), t.duration(), t.parsed().toSeconds()));
        }
        return new AgreementView(a.id(), d.name(), d.type(), d.kind(), d.supplier(), a.status(), a.status(), revision, d.scope(), d.appliesTo(), d.calendarId(),
                targets, d.pauseConditions(), d.warningThresholds(), a.version(), a.createdAt(), a.updatedAt());
    }
}
