package dev.itsm.catalog.product;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.catalog.api.ProductRequest;
import dev.itsm.catalog.api.ProductView;
import dev.itsm.catalog.portfolio.ServicePortfolio;
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

/** Transactions on products. */
@ApplicationScoped
public class ProductService {

    /** What GET /products can be sorted by (default name). */
    public static final Listing<Product> LISTING = Listing.of(Product.class, "name", Set.of())
            .field("name", "name", String.class, Product::name)
            .timestamps();

    private final Changes changes;
    private final MergePatch mergePatch;
    private final ServicePortfolio services;
    private final Clock clock;

    ProductService(Changes changes, MergePatch mergePatch, ServicePortfolio services, Clock clock) {
        this.changes = changes;
        this.mergePatch = mergePatch;
        this.services = services;
        this.clock = clock;
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        Instant now = clock.instant();
        services.requireUsable(request.serviceIds(), "serviceIds");
        Product p = Product.define(UUID.randomUUID(), request.facts(), now);
        p.persist();
        changes.publish(p.defined(now));
        return ProductView.of(p);
    }

    public ProductView get(UUID id) {
        return ProductView.of(load(id));
    }

    /** One page of products in {@code sort}'s order, or of their changes feed ({@code feed}, sort null). */
    public Page<ProductView> list(String text, UUID serviceId, PageRequest page, Sort sort, ChangesFeed.Window feed) {
        return new Query()
                .when(serviceId, ":serviceId member of serviceIds", "serviceId")
                .search(text)
                .page(LISTING, sort, feed, page, ProductView::of);
    }

    @Transactional
    public ProductView patch(UUID id, String ifMatch, JsonNode patch) {
        Instant now = clock.instant();
        Product p = load(id);
        ETags.requireMatch(ifMatch, p.version());
        ProductRequest merged = mergePatch.apply(ProductRequest.of(p), patch, ProductRequest.class);
        services.requireUsable(merged.serviceIds(), "serviceIds");
        changes.publish(p.update(merged.facts(), now));
        return ProductView.of(p);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Instant now = clock.instant();
        Product p = load(id);
        ETags.requireMatch(ifMatch, p.version());
        var events = p.deleted(now);
        p.delete();
        changes.publish(events);
    }

    private Product load(UUID id) {
        return Product.<Product>findByIdOptional(id).orElseThrow(() -> new NotFoundException("Product", id));
    }
}
