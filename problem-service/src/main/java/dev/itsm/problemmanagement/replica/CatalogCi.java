package dev.itsm.problemmanagement.replica;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Replica of a configuration item (its name, for candidate titles), fed by {@code ConfigurationItemChanged}. */
@Entity
@Table(name = "catalog_ci")
public class CatalogCi extends PanacheEntityBase {

    @Id
    private UUID id;
    private String name;
    private boolean deleted;
    /** occurredAt of the newest event applied (older ones are ignored). */
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CatalogCi() {
        // for JPA
    }

    /** The replica of a CI, or a new, empty one (not persisted). */
    public static CatalogCi replicaOf(UUID ciId) {
        CatalogCi ci = findById(ciId);
        if (ci == null) {
            ci = new CatalogCi();
            ci.id = ciId;
        }
        return ci;
    }

    /** Takes the facts of an event that happened at {@code at}; false (and no change) when the replica is newer. */
    public boolean replicate(String name, boolean deleted, Instant at) {
        if (updatedAt != null && updatedAt.isAfter(at)) {
            return false;
        }
        this.name = name != null ? name : this.name;
        this.deleted = deleted;
        this.updatedAt = at;
        return true;
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public boolean deleted() { return deleted; }
    public Instant updatedAt() { return updatedAt; }
}
