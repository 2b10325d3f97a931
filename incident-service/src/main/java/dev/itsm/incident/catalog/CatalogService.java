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
    public UUID serviceId;
    @Column(name = "service_key")
    public String key;
    public String name;
    public String type;
    public String owner;
    /** PIPELINE | LIVE | RETIRED */
    public String status;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "last_event_at")
    public Instant lastEventAt;

    public boolean isLive() {
        return "LIVE".equals(status);
    }
}
