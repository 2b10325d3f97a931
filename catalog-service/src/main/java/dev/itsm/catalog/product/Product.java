package dev.itsm.catalog.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.catalog.events.ProductChanged;
import dev.itsm.platform.events.DomainEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** ITIL 4 product: a configuration of resources (here: services) that can offer value (EC2 + S3 + Route 53 → Lightsail). */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String description;

    @ElementCollection
    @CollectionTable(name = "product_service", joinColumns = @JoinColumn(name = "product_id"))
    @Column(name = "service_id")
    private Set<UUID> serviceIds = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Product() {
    }

    public static Product define(UUID id, String name, String description, Collection<UUID> serviceIds, Instant now) {
        Product p = new Product();
        p.id = id;
        p.createdAt = now;
        p.apply(name, description, serviceIds, now);
        return p;
    }

    public List<DomainEvent> defined(Instant now) {
        return List.of(ProductChanged.of(this, false, now));
    }

    public List<DomainEvent> update(String name, String description, Collection<UUID> serviceIds, Instant now) {
        apply(name, description, serviceIds, now);
        return List.of(ProductChanged.of(this, false, now));
    }

    public List<DomainEvent> deleted(Instant now) {
        return List.of(ProductChanged.of(this, true, now));
    }

    private void apply(String name, String description, Collection<UUID> serviceIds, Instant now) {
        this.name = name;
        this.description = description;
        Set<UUID> wanted = new LinkedHashSet<>(serviceIds == null ? List.of() : serviceIds);
        if (!wanted.equals(this.serviceIds)) {
            this.serviceIds.retainAll(wanted);
            this.serviceIds.addAll(wanted);
        }
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<UUID> serviceIds() {
        List<UUID> list = new ArrayList<>(serviceIds);
        list.sort(null);
        return list;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
