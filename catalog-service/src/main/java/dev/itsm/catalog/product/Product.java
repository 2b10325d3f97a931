package dev.itsm.catalog.product;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.catalog.events.ProductChanged;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** ITIL 4 product: a configuration of resources (here: services) that can offer value (EC2 + S3 + Route 53 → Lightsail). */
@Entity
@Table(name = "product")
public class Product extends VersionedAggregate {

    @Column(nullable = false)
    private String name;

    private String description;

    @ElementCollection
    @CollectionTable(name = "product_service", joinColumns = @JoinColumn(name = "product_id"))
    @Column(name = "service_id")
    private Set<UUID> serviceIds = new LinkedHashSet<>();

    protected Product() {
    }

    /** The editable facts of a product. */
    public record Facts(String name, String description, Collection<UUID> serviceIds) {
    }

    public static Product define(UUID id, Facts facts, Instant now) {
        Product p = new Product();
        p.begin(id, now);
        p.assign(facts, now);
        return p;
    }

    public List<ProductChanged> defined(Instant now) {
        return List.of(ProductChanged.of(this, false, List.of(), now));
    }

    /** Edits the facts; the event names the fields that changed. */
    public List<ProductChanged> update(Facts facts, Instant now) {
        List<String> changed = new ChangedFields()
                .compare("name", name, facts.name())
                .compare("description", description, facts.description())
                .compare("serviceIds", serviceIds(), sortedDistinct(facts.serviceIds()))
                .names();
        assign(facts, now);
        return List.of(ProductChanged.of(this, false, changed, now));
    }

    /** The fact that this product is gone (the caller deletes it). */
    public List<ProductChanged> deleted(Instant now) {
        return List.of(ProductChanged.of(this, true, List.of(), now));
    }

    private void assign(Facts facts, Instant now) {
        this.name = facts.name();
        this.description = facts.description();
        replaceIds(serviceIds, facts.serviceIds());
        touch(now);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<UUID> serviceIds() {
        return sorted(serviceIds);
    }
}
