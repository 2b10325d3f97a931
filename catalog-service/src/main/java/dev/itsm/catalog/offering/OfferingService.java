package dev.itsm.catalog.offering;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.OfferingRequest;
import dev.itsm.catalog.api.OfferingView;
import dev.itsm.catalog.portfolio.ItService;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.catalog.portfolio.ServiceStatus;
import dev.itsm.catalog.support.JsonPatcher;
import dev.itsm.catalog.support.Query;
import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Transactions on service offerings. */
@ApplicationScoped
public class OfferingService {

    private final EntityManager em;
    private final Outbox outbox;
    private final JsonPatcher patcher;
    private final ServicePortfolio services;

    OfferingService(EntityManager em, Outbox outbox, JsonPatcher patcher, ServicePortfolio services) {
        this.em = em;
        this.outbox = outbox;
        this.patcher = patcher;
        this.services = services;
    }

    @Transactional
    public OfferingView create(OfferingRequest request) {
        Instant now = Instant.now();
        services.requireUsable(request.serviceIds(), "serviceIds");
        Offering o = Offering.draft(UUID.randomUUID(), request.facts(), now);
        o.persist();
        em.flush();
        outbox.appendAll(o.drafted(now));
        return OfferingView.of(o);
    }

    public OfferingView get(UUID id) {
        return OfferingView.of(load(id));
    }

    public Page<OfferingView> list(OfferingStatus status, String consumerGroup, UUID serviceId, String text,
            PageRequest page, String orderBy) {
        Query q = new Query()
                .when(status, "status = :status", "status")
                .when(consumerGroup, "targetConsumerGroup = :group", "group")
                .when(serviceId, ":serviceId member of serviceIds", "serviceId")
                .text(text, "name", "description", "targetConsumerGroup");
        return Query.page(Offering.<Offering>find(q.where() + " order by " + orderBy, q.params()), page, OfferingView::of);
    }

    @Transactional
    public OfferingView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = Instant.now();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        OfferingRequest merged = patcher.merge(OfferingRequest.of(o), patch, OfferingRequest.class,
                Map.of("status", "change the status with the publish and withdraw commands"));
        var used = services.requireUsable(merged.serviceIds(), "serviceIds");
        if (o.status() == OfferingStatus.PUBLISHED) {
            requireLive(used);
        }
        var events = o.update(merged.facts(), now);
        em.flush();
        outbox.appendAll(events);
        return OfferingView.of(o);
    }

    @Transactional
    public OfferingView publish(UUID id, String ifMatch) {
        Instant now = Instant.now();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        var used = services.requireUsable(o.serviceIds(), "serviceIds");
        var events = o.publish(used.stream().allMatch(s -> s.status() == ServiceStatus.LIVE), now);
        em.flush();
        outbox.appendAll(events);
        return OfferingView.of(o);
    }

    @Transactional
    public OfferingView withdraw(UUID id, String ifMatch) {
        Instant now = Instant.now();
        Offering o = load(id);
        ETags.requireMatch(ifMatch, o.version());
        var events = o.withdraw(now);
        em.flush();
        outbox.appendAll(events);
        return OfferingView.of(o);
    }

    private static void requireLive(java.util.List<ItService> used) {
        if (!used.stream().allMatch(s -> s.status() == ServiceStatus.LIVE)) {
            throw new dev.itsm.platform.problem.UnprocessableException("service-not-live", "Service not live",
                    "Every service of a published offering must be LIVE");
        }
    }

    private Offering load(UUID id) {
        Offering o = Offering.findById(id);
        if (o == null) {
            throw new NotFoundException("Offering", id);
        }
        return o;
    }
}
