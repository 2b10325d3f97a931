package dev.itsm.catalog.offering;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.OfferingRequest;
import dev.itsm.catalog.api.OfferingView;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.support.Changes;
import dev.itsm.catalog.support.Listing;
import dev.itsm.catalog.support.Query;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Transactions on service offerings. */
@ApplicationScoped
public class OfferingService {

    /** What GET /offerings can be sorted by (default name); state and consumer group are tied by name. */
    public static final Listing<Offering> LISTING = Listing.of(Offering.class, "name", Set.of("status", "targetConsumerGroup"))
            .field("name", "name", String.class, Offering::name)
            .field("state", "status", OfferingStatus.class, Offering::status)
            .field("status", "status", OfferingStatus.class, Offering::status)
            .field("targetConsumerGroup", "targetConsumerGroup", String.class, Offering::targetConsumerGroup)
            .timestamps();

    private final Changes changes;
    private final MergePatch mergePatch;
    private final ServicePortfolio services;
    private final Clock clock;

    OfferingService(Changes changes, MergePatch mergePatch, ServicePortfolio services, Clock clock) {
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.services = services;
        this.clock = clock;
    }

    @Transactional
    public OfferingView create(OfferingRequest request) {
        Instant now = clock.instant();
        services.requireUsable(request.serviceIds(), "serviceIds");
        Offering o = Offering.draft(UUID.randomUUID(), request.facts(), now);
        o.persist();
        changes.publish(o.drafted(now));
        return OfferingView.of(o);
    }

    public OfferingView get(UUID id) {
        return OfferingView.of(load(id));
    }

    /** The offering's request form, or the empty form when it asks nothing; and the offering's version (its ETag). */
    public Form form(UUID id) {
        Offering o = load(id);
        JsonNode form = o.requestForm();
        return new Form(form == null ? RequestForms.empty() : form, o.version());
    }

    /** A request form as served, with the version of the offering it belongs to. */
    public record Form(JsonNode schema, long version) {
    }

    /** One page of offerings in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<OfferingView> list(OfferingStatus status, String consumerGroup, UUID serviceId, String text,
            PageRequest page, Sort sort, ChangesFeed.Window feed) {
        return new Query()
                .when(status, "status = :status", "status")
                .when(consumerGroup, "targetConsumerGroup = :group", "group")
                .when(serviceId, ":serviceId member of serviceIds", "serviceId")
                .search(text)
                .page(LISTING, sort, feed, page, OfferingView::of);
    }

    @Transactional
    public OfferingView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        OfferingRequest merged = mergePatch.apply(OfferingRequest.of(o), patch, OfferingRequest.class,
                Map.of("state", "change the state with the publish and withdraw commands",
                        "status", "change the status with the publish and withdraw commands"));
        changes.publish(o.update(merged.facts(), allLive(merged.serviceIds()), now));
        return OfferingView.of(o);
    }

    @Transactional
    public OfferingView publish(UUID id, String ifMatch) {
        Instant now = clock.instant();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        changes.publish(o.publish(allLive(o.serviceIds()), now));
        return OfferingView.of(o);
    }

    @Transactional
    public OfferingView withdraw(UUID id, String ifMatch) {
        Instant now = clock.instant();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        changes.publish(o.withdraw(now));
        return OfferingView.of(o);
    }

    /** Whether every named service is LIVE; unknown or retired ones are 422 (and the rest are locked FOR SHARE). */
    private boolean allLive(Collection<UUID> serviceIds) {
        return services.requireUsable(serviceIds, "serviceIds").stream().allMatch(s -> s.status() == ServiceStatus.LIVE);
    }

    private Offering load(UUID id) {
        return Offering.<Offering>findByIdOptional(id).orElseThrow(() -> new NotFoundException("Offering", id));
    }
}
