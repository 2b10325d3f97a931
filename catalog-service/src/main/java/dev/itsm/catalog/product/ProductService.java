package dev.itsm.catalog.product;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.ProductRequest;
import dev.itsm.catalog.api.ProductView;
import dev.itsm.catalog.portfolio.ServicePortfolio;
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

/** Transactions on products. */
@ApplicationScoped
public class ProductService {

    private final EntityManager em;
    private final Outbox outbox;
    private final JsonPatcher patcher;
    private final ServicePortfolio services;

    ProductService(EntityManager em, Outbox outbox, JsonPatcher patcher, ServicePortfolio services) {
        this.em = em;
        this.outbox = outbox;
        this.patcher = patcher;
        this.services = services;
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        Instant now = Instant.now();
        services.requireUsable(request.serviceIds(), "serviceIds");
        Product p = Product.define(UUID.randomUUID(), request.name(), request.description(), request.serviceIds(), now);
        p.persist();
        em.flush();
        outbox.appendAll(p.defined(now));
        return ProductView.of(p);
    }

    public ProductView get(UUID id) {
        return ProductView.of(load(id));
    }

    public Page<ProductView> list(String text, UUID serviceId, PageRequest page, String orderBy) {
        Query q = new Query()
                .when(serviceId, ":serviceId member of serviceIds", "serviceId")
                .text(text, "name", "description");
        return Query.page(Product.<Product>find(q.where() + " order by " + orderBy, q.params()), page, ProductView::of);
    }

    @Transactional
    public ProductView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = Instant.now();
        Product p = load(id);
        ETags.requireMatch(ifMatch, p.version());
        ProductRequest merged = patcher.merge(ProductRequest.of(p), patch, ProductRequest.class, Map.of());
        services.requireUsable(merged.serviceIds(), "serviceIds");
        var events = p.update(merged.name(), merged.description(), merged.serviceIds(), now);
        em.flush();
        outbox.appendAll(events);
        return ProductView.of(p);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Instant now = Instant.now();
        Product p = load(id);
        ETags.requireMatch(ifMatch, p.version());
        var events = p.deleted(now);
        p.delete();
        em.flush();
        outbox.appendAll(events);
    }

    private Product load(UUID id) {
        Product p = Product.findById(id);
        if (p == null) {
            throw new NotFoundException("Product", id);
        }
        return p;
    }
}
