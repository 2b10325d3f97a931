package dev.itsm.incident.catalog;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Replica of a configuration item, fed by {@code ConfigurationItemChanged}. */
@Entity
@Table(name = "catalog_ci")
public class CatalogCi extends PanacheEntityBase {

    @Id
    @Column(name = "ci_id")
    public UUID ciId;
    public String name;
    @Column(name = "ci_class")
    public String ciClass;
    public String environment;
    public String status;
    public boolean deleted;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
}
