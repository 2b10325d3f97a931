package dev.itsm.sla.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What sla-service knows of a catalogue service (fed by {@code itsm.catalog.events}): enough to tell
 * whether an agreement's scope names a real service.
 */
@Entity
@Table(name = "catalog_service")
public class CatalogServiceReplica extends PanacheEntityBase {

    @Id
    @Column(name = "service_id")
    private UUID serviceId;
    @Column(name = "service_key")
    private String key;
    @Column(nullable = false)
    private String name;
    /** PIPELINE | LIVE | RETIRED */
    @Column(nullable = false)
    private String status;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "last_event_at", nullable = false)
    private Instant lastEventAt;

    protected CatalogServiceReplica() {
        // for JPA
    }

    /** The replica of a service, or a new, empty one. */
    public static CatalogServiceReplica replicaOf(UUID serviceId) {
        CatalogServiceReplica s = findById(serviceId);
        if (s == null) {
            s = new CatalogServiceReplica();
            s.serviceId = serviceId;
        }
        return s;
    }

    /** Which of {@code serviceIds} the replica does not know, in the order given. */
    public static List<UUID> unknownAmong(Collection<UUID> serviceIds) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        List<UUID> known = find("select s.serviceId from CatalogServiceReplica s where s.serviceId in ?1", serviceIds)
                .project(UUID.class).list();
        return serviceIds.stream().filter(id -> !known.contains(id)).toList();
    }

    /** Takes the facts of an event that happened at {@code at}; false (and no change) when the replica is newer. */
    public boolean replicate(String key, String name, String status, Instant at) {
        if (lastEventAt != null && lastEventAt.isAfter(at)) {
            return false;
        }
        this.key = key;
        this.name = name;
        this.status = status;
        this.lastEventAt = at;
        return true;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String name() {
        return name;
    }

    public String status() {
        return status;
    }
}
