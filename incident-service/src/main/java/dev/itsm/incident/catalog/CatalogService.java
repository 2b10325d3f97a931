package dev.itsm.incident.catalog;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Replica of a catalogue service (name and status), fed by {@code itsm.catalog.events}. */
@Entity
@Table(name = "catalog_service")
public class CatalogService extends PanacheEntityBase {

    @Id
    @Column(name = "service_id")
    private UUID serviceId;
    @Column(name = "service_key")
    private String key;
    private String name;
    private String type;
    private String owner;
    /** PIPELINE | LIVE | RETIRED */
    private String status;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "last_event_at")
    private Instant lastEventAt;

    protected CatalogService() {
        // for JPA
    }

    /** The replica of a service, or a new, empty one. */
    public static CatalogService replicaOf(UUID serviceId) {
        CatalogService s = findById(serviceId);
        if (s == null) {
            s = new CatalogService();
            s.serviceId = serviceId;
        }
        return s;
    }

    /** Takes the facts of an event that happened at {@code at}; false (and no change) when the replica is newer. */
    public boolean replicate(String key, String name, String type, String owner, String status, Instant at) {
        if (lastEventAt != null && lastEventAt.isAfter(at)) {
            return false;
        }
        this.key = key;
        this.name = name;
        this.type = type;
        this.owner = owner;
        this.status = status;
        this.lastEventAt = at;
        return true;
    }

    public boolean isLive() {
        return "LIVE".equals(status);
    }

    public UUID serviceId() { return serviceId; }
    public String name() { return name; }
    public String status() { return status; }
}
