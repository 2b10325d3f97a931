package dev.itsm.incident;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One history entry: who did what when, with the old → new values (JSON), written with the change. */
@Entity
@Table(name = "incident_history")
public class IncidentHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public Instant at;
    public String actor;
    public String action;
    /** JSON array of {@code {field, from, to}}. */
    public String changes;
    public String detail;
}
