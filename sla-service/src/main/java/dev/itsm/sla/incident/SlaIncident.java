package dev.itsm.sla.incident;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The latest facts this service has seen about an incident (read model of itsm.incident.events). */
@Entity
@Table(name = "sla_incident")
public class SlaIncident extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    public String number;
    @Column(name = "service_id")
    public UUID serviceId;
    public String category;
    public String priority;
    public String state;
    @Column(name = "hold_reason")
    public String holdReason;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
    @Column(name = "last_event_at", nullable = false)
    public Instant lastEventAt;
    @Version
    public long version;
}
