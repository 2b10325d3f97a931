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
    private UUID ciId;
    private String name;
    @Column(name = "ci_class")
    private String ciClass;
    private String environment;
    private String status;
    private boolean deleted;
    @Column(name = "last_event_at")
    private Instant lastEventAt;

    protected CatalogCi() {
        // for JPA
    }

    /** The replica of a CI, or a new, empty one. */
    public static CatalogCi replicaOf(UUID ciId) {
        CatalogCi ci = findById(ciId);
        if (ci == null) {
            ci = new CatalogCi();
            ci.ciId = ciId;
        }
        return ci;
    }

    /**
     * Takes the facts of an event that happened at {@code at}; false (and no change) when the replica
     * is newer. A CI without a name keeps the one it had (or is named by its id).
     */
    public boolean replicate(String name, String ciClass, String environment, String status, boolean deleted,
            Instant at) {
        if (lastEventAt != null && lastEventAt.isAfter(at)) {
            return false;
        }
        this.name = name != null ? name : this.name != null ? this.name : ciId.toString();
        this.ciClass = ciClass;
        this.environment = environment;
        this.status = status;
        this.deleted = deleted;
        this.lastEventAt = at;
        return true;
    }

    public String name() { return name; }
    public boolean deleted() { return deleted; }
}
